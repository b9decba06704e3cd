using Edge.Contracts.Messages;
using Edge.Core.Outbox;

namespace Edge.Worker.Status;

/// <summary>What <c>GET /status</c> returns: everything an installer needs to see at a glance.</summary>
public sealed record StatusReport(
    string Site,
    string SiteName,
    string Device,
    BoardReport Board,
    IReadOnlyList<InputReport> Inputs,
    IReadOnlyList<OutputReport> Outputs,
    string Led,
    OutboxHealth Outbox,
    LinkReport Link,
    bool Drill,
    DateTimeOffset? LastPressAt,
    IReadOnlyList<FaultInfo> Faults,
    IReadOnlyList<AlertReport> Alerts);

public sealed record BoardReport(string Driver, string Description, bool Virtual);

public sealed record InputReport(string Id, string? Name, int Pin, string Wiring, string State, long MissedEdges);

public sealed record OutputReport(string Id, string? Name, string Kind, int Pin, bool On, string? Pattern, DateTimeOffset? StopsAt);

public sealed record LinkReport(bool Configured, bool Connected, DateTimeOffset? Since, string? LastError, DeliveryReport? Delivery = null);

/// <summary>What the uplink sent since the box started: first sends, repeats, events awaiting a receipt, receipts.</summary>
public sealed record DeliveryReport(long Sent, long Resent, int EventsInFlight, long Receipts);

public sealed record AlertReport(
    Guid Id,
    string Scenario,
    string ScenarioName,
    string Button,
    string Gesture,
    string State,
    bool Drill,
    bool Silent,
    DateTimeOffset PressedAt,
    string? AcknowledgedBy,
    IReadOnlyList<AlertEvent> Events);
