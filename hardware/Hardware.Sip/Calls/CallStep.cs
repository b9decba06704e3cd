namespace Hardware.Sip.Calls;

/// <summary>One step of a call: when, what, and for SIP responses the status code.</summary>
/// <param name="At">Time from the injected <see cref="TimeProvider"/>.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Detail">Human-readable detail (status line, digit, reason).</param>
/// <param name="StatusCode">The SIP status code when the step is a response.</param>
public sealed record CallStep(DateTimeOffset At, CallStepKind Kind, string Detail, int? StatusCode = null)
{
    /// <inheritdoc />
    public override string ToString() => $"{At:HH:mm:ss.fff} {Kind} {Detail}";
}
