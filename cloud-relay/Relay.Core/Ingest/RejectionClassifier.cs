using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Relay.Core.Ingest;

/// <summary>
/// Tells apart, for counting only, the ways a payload already refused by the contract serializer went wrong. The
/// decision to refuse is the serializer's; this costs a second look at garbage only.
/// </summary>
internal static class RejectionClassifier
{
    public static RejectionReason Classify<T>(ReadOnlySpan<byte> payload, JsonTypeInfo<T> typeInfo)
    {
        if (payload.IsEmpty || !IsWellFormed(payload))
        {
            return RejectionReason.MalformedJson;
        }

        try
        {
            return JsonSerializer.Deserialize(payload, typeInfo) is null ? RejectionReason.WrongShape : RejectionReason.InvalidValues;
        }
        catch (JsonException)
        {
            return RejectionReason.WrongShape;
        }
    }

    private static bool IsWellFormed(ReadOnlySpan<byte> payload)
    {
        var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
