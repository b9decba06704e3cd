namespace Relay.Core.Sites;

/// <summary><c>Relay:Sites</c>.</summary>
public sealed class SiteOptions
{
    public const string Section = "Relay:Sites";

    /// <summary>A device not heard from for this long is offline. Boxes send a heartbeat every 30 s by default, so
    /// 90 s tolerates two lost heartbeats (they travel at QoS 0).</summary>
    public TimeSpan SupervisionWindow { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>How often the supervision window is checked.</summary>
    public TimeSpan SupervisionCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>An alert not cleared still counts as "alerting" for this long after the relay first heard of it;
    /// past it, a box that never sent its Cleared event does not keep its site red for ever.</summary>
    public TimeSpan AlertingWindow { get; set; } = TimeSpan.FromHours(12);
}
