using System.Diagnostics.CodeAnalysis;

namespace Edge.Contracts.Serialization;

/// <summary>Either a valid message or the reason it was refused.</summary>
public readonly record struct ReadResult<T>(T? Message, string? Error)
    where T : class
{
    [MemberNotNullWhen(true, nameof(Message))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsValid => Message is not null;

    public static ReadResult<T> Ok(T message) => new(message, null);

    public static ReadResult<T> Fail(string error) => new(null, error);
}
