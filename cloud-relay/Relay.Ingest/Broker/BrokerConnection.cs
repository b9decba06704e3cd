namespace Relay.Ingest.Broker;

/// <summary>Where and as whom the relay's own ingest client connects. <see cref="ToString"/> never shows the password.</summary>
public sealed record BrokerConnection(string Host, int Port, string ClientId, string Username, string Password, string? SharedSubscriptionGroup)
{
    public override string ToString() => $"{Host}:{Port} as {Username}";
}
