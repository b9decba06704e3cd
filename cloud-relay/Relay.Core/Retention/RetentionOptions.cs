namespace Relay.Core.Retention;

/// <summary><c>Relay:Retention</c>.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Relay:Retention";

    /// <summary>
    /// How long snapshots are kept after the relay received them. French law (CSI L252-5) caps the keeping of video
    /// protection images at one month unless a judicial procedure needs them: 30 days by default. Alerts, their events
    /// and the audit log are kept: they hold no image.
    /// </summary>
    public TimeSpan Snapshots { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often expired snapshots are looked for (and once at start).</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);
}
