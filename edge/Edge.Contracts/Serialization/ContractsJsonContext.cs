using System.Text.Json.Serialization;
using Edge.Contracts.Messages;

namespace Edge.Contracts.Serialization;

/// <summary>
/// Source-generated (no reflection, trimming-safe) and strict: unknown members are refused, because v1 payloads are
/// frozen and anything new comes with a new topic version.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowTrailingCommas = false,
    MaxDepth = 16)]
[JsonSerializable(typeof(AlertEvent))]
[JsonSerializable(typeof(StatusMessage))]
[JsonSerializable(typeof(HeartbeatMessage))]
[JsonSerializable(typeof(CommandMessage))]
[JsonSerializable(typeof(ReceiptMessage))]
public sealed partial class ContractsJsonContext : JsonSerializerContext;
