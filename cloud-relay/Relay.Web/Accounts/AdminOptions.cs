namespace Relay.Web.Accounts;

/// <summary>
/// <c>Relay:Admin</c>: the first administrator, created at start when no account of that name exists yet (an
/// existing account is never changed from here, so a password changed in the dashboard survives a restart).
/// </summary>
public sealed class AdminOptions
{
    public const string Section = "Relay:Admin";

    public string? User { get; set; }

    /// <summary>Prefer <see cref="PasswordFile"/> or the environment (<c>Relay__Admin__Password</c>) to a config file.</summary>
    public string? Password { get; set; }

    /// <summary>A file whose first line is the password (a systemd credential, a Docker secret).</summary>
    public string? PasswordFile { get; set; }
}
