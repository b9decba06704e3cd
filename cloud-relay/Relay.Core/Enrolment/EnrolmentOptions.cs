namespace Relay.Core.Enrolment;

/// <summary><c>Relay:Enrolment</c>.</summary>
public sealed class EnrolmentOptions
{
    public const string Section = "Relay:Enrolment";

    /// <summary>How long a new code stays usable when no validity is given.</summary>
    public TimeSpan CodeValidity { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The longest validity an administrator may give a code.</summary>
    public TimeSpan MaxCodeValidity { get; set; } = TimeSpan.FromDays(7);

    /// <summary><c>POST /api/enroll</c> attempts per minute from one remote address (more get 429). Guessing a
    /// 100-bit code is hopeless anyway; this keeps the audit log and the CPU out of reach of a flood.</summary>
    public int AttemptsPerMinute { get; set; } = 10;

    /// <summary>The broker host handed to boxes; default: the first of <c>Relay:Tls:ServerNames</c>.</summary>
    public string? BrokerHost { get; set; }

    /// <summary>The broker's TLS port handed to boxes; default: the embedded broker's TLS port (or the external
    /// broker's port). Set it when boxes reach the relay through a port mapping.</summary>
    public int? BrokerPort { get; set; }
}
