namespace Relay.Ingest.Broker;

/// <summary><c>Relay:Broker</c>.</summary>
public sealed class BrokerOptions
{
    public const string Section = "Relay:Broker";

    public BrokerMode Mode { get; set; } = BrokerMode.Embedded;

    /// <summary>Embedded: the address the broker listens on. Loopback by default: exposing it is a decision
    /// (and wants TLS in front, see the README).</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>Embedded: the port to listen on (0 picks a free one, for tests). External: the broker's port.</summary>
    public int Port { get; set; } = 1883;

    /// <summary>Embedded: a second endpoint, MQTT over TLS, where every box proves who it is with the certificate
    /// the relay issued it at enrolment (mutual TLS; no password). Off by default so that a demo stays as it was, on
    /// plain loopback, and two relays on one machine do not fight over port 8883; production mode turns it on unless
    /// it is set explicitly.</summary>
    public bool TlsEnabled { get; set; }

    /// <summary>Embedded: the TLS endpoint's port (0 picks a free one, for tests).</summary>
    public int TlsPort { get; set; } = 8883;

    /// <summary>Embedded: the TLS endpoint's address; default: <see cref="ListenAddress"/>. Production exposes this
    /// one (e.g. 0.0.0.0) and keeps the plain endpoint on loopback for the relay's own client.</summary>
    public string? TlsListenAddress { get; set; }

    public string EffectiveTlsListenAddress => TlsListenAddress ?? ListenAddress;

    /// <summary>External: connect to the broker over TLS, presenting a client certificate the relay issues itself
    /// from its CA, named after <see cref="Username"/> (mosquitto's <c>use_identity_as_username</c>).</summary>
    public bool UseTls { get; set; }

    /// <summary>External with TLS: the CA (PEM) that signed the broker's certificate; default: the relay's own CA
    /// (which signed the server certificate <c>devices export-mosquitto</c> writes).</summary>
    public string? CaCertificateFile { get; set; }

    /// <summary>External: the broker's host name or address.</summary>
    public string? Host { get; set; }

    /// <summary>External: the relay's own account on the broker.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>External: when set, alerts and media are read through <c>$share/{group}/...</c> so that several
    /// relays share the load. Status and heartbeats are read by every relay, each keeping its own site state.</summary>
    public string? SharedSubscriptionGroup { get; set; }

    /// <summary>The relay's own MQTT client id, stable so that its broker session (and what is queued in it)
    /// survives a reconnect. Each relay sharing a broker needs its own.</summary>
    public string ClientId { get; set; } = "relay";

    /// <summary>How long the broker keeps the relay's session while it is disconnected.</summary>
    public TimeSpan SessionExpiry { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the watchdog pings the broker; a failed ping means reconnect.</summary>
    public TimeSpan WatchdogInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest pause between reconnect attempts (backoff grows from 1 s, with jitter).</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Embedded: messages queued per disconnected client before the oldest are dropped (boxes resend
    /// whatever is not receipted, so a drop delays, it does not lose).</summary>
    public int MaxPendingMessagesPerClient { get; set; } = 1000;
}
