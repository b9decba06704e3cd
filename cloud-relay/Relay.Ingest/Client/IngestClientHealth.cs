namespace Relay.Ingest.Client;

public sealed record IngestClientHealth(
    bool Connected,
    DateTimeOffset? LastConnectedAt,
    DateTimeOffset? LastDisconnectedAt,
    int Connects,
    string? LastError);
