namespace Relay.Web.Hosting.ProductionMode;

/// <summary>The relay refuses its configuration as a whole (production mode's rules); the message lists every
/// problem and how to fix it. <c>Program</c> prints it and exits with <see cref="ExitCode"/>.</summary>
public sealed class RelayConfigurationException : Exception
{
    /// <summary>EX_CONFIG from sysexits.h: systemd and scripts can tell "fix the configuration" from a crash.</summary>
    public const int ExitCode = 78;

    public RelayConfigurationException()
    {
    }

    public RelayConfigurationException(string message)
        : base(message)
    {
    }

    public RelayConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
