using Edge.Contracts;

namespace Relay.Core.Ingest;

/// <summary>Snapshots travel as raw JPEG bytes; this is the whole of what the relay checks before storing them.</summary>
public static class JpegCheck
{
    /// <summary>Null when acceptable, otherwise the reason.</summary>
    public static string? Problem(ReadOnlySpan<byte> payload)
    {
        if (payload.Length > MessageLimits.MaxSnapshotBytes)
        {
            return $"snapshot of {payload.Length} bytes exceeds {MessageLimits.MaxSnapshotBytes}";
        }

        // SOI (FF D8) followed by the first marker's FF: every JPEG starts so, and almost nothing else does.
        return payload.Length >= 4 && payload[0] == 0xFF && payload[1] == 0xD8 && payload[2] == 0xFF
            ? null
            : "not a JPEG (no SOI marker)";
    }
}
