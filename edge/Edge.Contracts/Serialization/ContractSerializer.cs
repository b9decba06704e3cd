using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Edge.Contracts.Messages;
using Edge.Contracts.Validation;

namespace Edge.Contracts.Serialization;

/// <summary>
/// The only way messages are written and read. Reading never throws on bad input: garbage from the network is
/// an expected event, answered with a reason that can be logged and counted.
/// </summary>
public static class ContractSerializer
{
    public static byte[] Serialize(AlertEvent message) => Write(message, ContractsJsonContext.Default.AlertEvent);

    public static byte[] Serialize(StatusMessage message) => Write(message, ContractsJsonContext.Default.StatusMessage);

    public static byte[] Serialize(HeartbeatMessage message) => Write(message, ContractsJsonContext.Default.HeartbeatMessage);

    public static byte[] Serialize(CommandMessage message) => Write(message, ContractsJsonContext.Default.CommandMessage);

    public static byte[] Serialize(ReceiptMessage message) => Write(message, ContractsJsonContext.Default.ReceiptMessage);

    public static ReadResult<AlertEvent> ReadAlertEvent(ReadOnlySpan<byte> payload) =>
        Read(payload, ContractsJsonContext.Default.AlertEvent, MessageValidator.Validate);

    public static ReadResult<StatusMessage> ReadStatus(ReadOnlySpan<byte> payload) =>
        Read(payload, ContractsJsonContext.Default.StatusMessage, MessageValidator.Validate);

    public static ReadResult<HeartbeatMessage> ReadHeartbeat(ReadOnlySpan<byte> payload) =>
        Read(payload, ContractsJsonContext.Default.HeartbeatMessage, MessageValidator.Validate);

    public static ReadResult<CommandMessage> ReadCommand(ReadOnlySpan<byte> payload) =>
        Read(payload, ContractsJsonContext.Default.CommandMessage, MessageValidator.Validate);

    public static ReadResult<ReceiptMessage> ReadReceipt(ReadOnlySpan<byte> payload) =>
        Read(payload, ContractsJsonContext.Default.ReceiptMessage, MessageValidator.Validate);

    private static byte[] Write<T>(T message, JsonTypeInfo<T> typeInfo)
    {
        // Refuse to send what a receiver would refuse: a bug shows at the sender, not as a silent loss.
        var problems = MessageValidator.ValidateAny(message);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"Refusing to send an invalid {typeof(T).Name}: {string.Join("; ", problems)}");
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(message, typeInfo);
        if (bytes.Length > MessageLimits.MaxJsonBytes)
        {
            throw new InvalidOperationException($"{typeof(T).Name} is {bytes.Length} bytes, over the {MessageLimits.MaxJsonBytes}-byte limit.");
        }

        return bytes;
    }

    private static ReadResult<T> Read<T>(ReadOnlySpan<byte> payload, JsonTypeInfo<T> typeInfo, Func<T, IReadOnlyList<string>> validate)
        where T : class
    {
        if (payload.IsEmpty)
        {
            return ReadResult<T>.Fail("empty payload");
        }

        if (payload.Length > MessageLimits.MaxJsonBytes)
        {
            return ReadResult<T>.Fail($"payload of {payload.Length} bytes exceeds {MessageLimits.MaxJsonBytes}");
        }

        T? message;
        try
        {
            message = JsonSerializer.Deserialize(payload, typeInfo);
        }
        catch (JsonException ex)
        {
            return ReadResult<T>.Fail($"not a valid {typeof(T).Name}: {ex.Message}");
        }

        if (message is null)
        {
            return ReadResult<T>.Fail("payload is JSON null");
        }

        var problems = validate(message);
        return problems.Count == 0 ? ReadResult<T>.Ok(message) : ReadResult<T>.Fail(string.Join("; ", problems));
    }
}
