namespace Edge.Uplink;

/// <summary>How the box reaches the relay's broker (section <c>Edge:Uplink</c>). Durations are TimeSpans ("00:00:10").</summary>
public sealed class UplinkOptions
{
    public const string Section = "Edge:Uplink";

    /// <summary>Off: the box works alone (local scenario only) and its LED never shows offline.</summary>
    public bool Enabled { get; set; }

    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 1883;

    /// <summary>Default <c>{site}.{device}</c>, the relay's convention; the client id is the same.</summary>
    public string? Username { get; set; }

    /// <summary>The device's password; or give <see cref="PasswordSecret"/> to read it from the box's secrets.</summary>
    public string? Password { get; set; }

    public string? PasswordSecret { get; set; }

    /// <summary>5 (default) or 3.1.1: the contract uses nothing MQTT 3.1.1 lacks.</summary>
    public string ProtocolVersion { get; set; } = "5";

    /// <summary>How often the link is checked with a ping; a failed ping reconnects.</summary>
    public TimeSpan WatchdogInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest wait between reconnection attempts (exponential backoff with jitter from 1 s).</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Per request (connect, publish, ping): a link that takes longer is treated as broken.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the broker keeps the box's session (and the commands queued for it) while it is away.</summary>
    public TimeSpan SessionExpiry { get; set; } = TimeSpan.FromDays(1);

    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An event not receipted by the relay after this long is sent again.</summary>
    public TimeSpan ReceiptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Events sent and not yet receipted, at most.</summary>
    public int MaxEventsInFlight { get; set; } = 64;

    /// <summary>
    /// Publishes awaiting the broker's PUBACK at once, at most (lowered to the broker's own Receive Maximum). One at a
    /// time would make every event wait a round trip to the broker: a backlog would drain at a few hundred per second.
    /// </summary>
    public int MaxPublishesInFlight { get; set; } = 16;

    /// <summary>Snapshots sent and not yet receipted, at most (they are large; events always go first).</summary>
    public int MaxSnapshotsInFlight { get; set; } = 2;

    /// <summary>Encrypt the link (production). The server certificate is checked against <see cref="CaCertificateFile"/>.</summary>
    public bool UseTls { get; set; }

    /// <summary>PEM file of the relay's certificate authority.</summary>
    public string? CaCertificateFile { get; set; }

    /// <summary>PEM certificate of this device, issued by the relay at enrolment; with <see cref="ClientKeyFile"/>.</summary>
    public string? ClientCertificateFile { get; set; }

    public string? ClientKeyFile { get; set; }

    public string UsernameFor(string site, string device) => Username ?? $"{site}.{device}";
}
