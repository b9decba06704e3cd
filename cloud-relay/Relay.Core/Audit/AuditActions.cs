namespace Relay.Core.Audit;

/// <summary>The stable names of audited actions (filter on them; the dashboard translates them).</summary>
public static class AuditActions
{
    public const string Login = "login";
    public const string LoginFailed = "login-failed";
    public const string Logout = "logout";
    public const string AccessDenied = "access-denied";
    public const string Acknowledge = "acknowledge";
    public const string SilenceSiren = "silence-siren";
    public const string Close = "close";
    public const string DrillStart = "drill-start";
    public const string DrillStop = "drill-stop";
    public const string UserCreate = "user-create";
    public const string UserDisable = "user-disable";
    public const string UserEnable = "user-enable";
    public const string UserResetPassword = "user-reset-password";
    public const string SnapshotsPurged = "snapshots-purged";
    public const string EnrolmentCodeCreate = "enrolment-code-create";
    public const string DeviceEnrol = "device-enrol";
    public const string DeviceEnrolRefused = "device-enrol-refused";
    public const string DeviceRevoke = "device-revoke";

    public static string AlertTarget(Guid alertId) => $"alert:{alertId:D}";

    public static string SiteTarget(string site) => $"site:{site}";

    public static string UserTarget(string name) => $"user:{name}";

    /// <summary><c>device:{site}.{device}</c>.</summary>
    public static string DeviceTarget(Devices.DeviceId device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return $"device:{device.Username}";
    }
}
