namespace Relay.Core.Storage.Documents;

/// <summary>The running summary of one alert, updated in the transaction that stores each of its events.</summary>
internal sealed class AlertDocument
{
    public Guid Id { get; set; }

    public string Site { get; set; } = "";

    public string Device { get; set; } = "";

    public string Status { get; set; } = "";

    public bool Acknowledged { get; set; }

    public bool Drill { get; set; }

    public bool HasRaisedEvent { get; set; }

    public string? Severity { get; set; }

    public string? Scenario { get; set; }

    public string? Button { get; set; }

    public DateTimeOffset RaisedAt { get; set; }

    public DateTimeOffset FirstReceivedAt { get; set; }

    public DateTimeOffset LastReceivedAt { get; set; }

    public int EventCount { get; set; }

    public string? AcknowledgedBy { get; set; }

    public DateTimeOffset? AcknowledgedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public string? ClosedBy { get; set; }

    public string? CloseComment { get; set; }
}
