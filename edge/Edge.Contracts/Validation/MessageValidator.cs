using Edge.Contracts.Messages;
using Edge.Contracts.Topics;

namespace Edge.Contracts.Validation;

/// <summary>
/// Everything a receiver checks beyond JSON shape. Returns the list of problems (empty when valid), worded for a log
/// line that an operator can act on.
/// </summary>
public static class MessageValidator
{
    // A timestamp outside this range is a broken clock or a forged payload, not a real event.
    private static readonly DateTimeOffset s_earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset s_latest = new(2200, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const int MaxListItems = 64;

    public static IReadOnlyList<string> ValidateAny<T>(T message) => message switch
    {
        AlertEvent m => Validate(m),
        StatusMessage m => Validate(m),
        HeartbeatMessage m => Validate(m),
        CommandMessage m => Validate(m),
        ReceiptMessage m => Validate(m),
        _ => [$"unknown message type {typeof(T).Name}"],
    };

    public static IReadOnlyList<string> Validate(AlertEvent e)
    {
        var problems = new Problems();
        problems.Version(e.V);
        problems.Identifier("site", e.Site);
        problems.Identifier("device", e.Device);
        problems.Check(e.Seq >= 1, "seq must be 1 or more");
        problems.Time("at", e.At);
        problems.Check(Enum.IsDefined(e.Kind), "kind is not a known event kind");
        problems.Check(e.AlertId != Guid.Empty, "alertId must not be the empty GUID");
        problems.Check(e.CommandId != Guid.Empty, "commandId must not be the empty GUID");
        problems.Text("detail", e.Detail);
        problems.Data(e.Data);

        if (IsAlertScoped(e.Kind))
        {
            problems.Check(e.AlertId is not null, $"{e.Kind} events need an alertId");
        }

        switch (e.Kind)
        {
            case AlertEventKind.Raised:
                problems.Identifier("button", e.Button);
                problems.Identifier("scenario", e.Scenario);
                problems.Identifier("gesture", e.Gesture);
                problems.Check(e.Severity is { } s && Enum.IsDefined(s), "raised events need a known severity");
                problems.Check(e.PressedAt is not null, "raised events need pressedAt");
                if (e.PressedAt is { } pressed)
                {
                    problems.Time("pressedAt", pressed);
                }

                break;
            case AlertEventKind.ActionStarted or AlertEventKind.ActionProgress or AlertEventKind.ActionSucceeded or AlertEventKind.ActionFailed:
                problems.Identifier("action", e.Action);
                break;
            case AlertEventKind.SnapshotTaken:
                problems.Check(e.SnapshotIndex is >= 1 and <= MessageLimits.MaxSnapshotsPerAlert,
                    $"snapshotIndex must be between 1 and {MessageLimits.MaxSnapshotsPerAlert}");
                break;
            case AlertEventKind.CommandApplied or AlertEventKind.CommandRejected:
                problems.Check(e.CommandId is not null, $"{e.Kind} events need a commandId");
                break;
        }

        return problems.List;
    }

    public static IReadOnlyList<string> Validate(StatusMessage m)
    {
        var problems = new Problems();
        problems.Version(m.V);
        problems.Identifier("site", m.Site);
        problems.Identifier("device", m.Device);
        problems.Check(Enum.IsDefined(m.State), "state must be online or offline");
        problems.Time("at", m.At);
        problems.Text("softwareVersion", m.SoftwareVersion, 64);
        problems.Text("board", m.Board, 32);
        problems.Text("siteName", m.SiteName, 200);
        return problems.List;
    }

    public static IReadOnlyList<string> Validate(HeartbeatMessage m)
    {
        var problems = new Problems();
        problems.Version(m.V);
        problems.Identifier("site", m.Site);
        problems.Identifier("device", m.Device);
        problems.Time("at", m.At);
        problems.Check(m.UptimeSeconds >= 0, "uptimeSeconds must not be negative");
        problems.Check(m.OutboxDepth >= 0, "outboxDepth must not be negative");
        problems.Check((m.Inputs?.Count ?? 0) <= MaxListItems, $"at most {MaxListItems} inputs");
        problems.Check((m.Outputs?.Count ?? 0) <= MaxListItems, $"at most {MaxListItems} outputs");
        problems.Check((m.Faults?.Count ?? 0) <= MaxListItems, $"at most {MaxListItems} faults");
        foreach (var input in m.Inputs ?? [])
        {
            problems.Identifier("inputs[].id", input?.Id);
            problems.Text("inputs[].state", input?.State, 32);
        }

        foreach (var output in m.Outputs ?? [])
        {
            problems.Identifier("outputs[].id", output?.Id);
        }

        foreach (var fault in m.Faults ?? [])
        {
            problems.Check(fault is not null, "faults[] must not hold null");
            if (fault is not null)
            {
                problems.Identifier("faults[].code", fault.Code);
                problems.Text("faults[].subject", fault.Subject, 200);
                problems.Text("faults[].detail", fault.Detail);
                problems.Time("faults[].since", fault.Since);
            }
        }

        return problems.List;
    }

    public static IReadOnlyList<string> Validate(CommandMessage m)
    {
        var problems = new Problems();
        problems.Version(m.V);
        problems.Check(m.CommandId != Guid.Empty, "commandId must not be the empty GUID");
        problems.Check(Enum.IsDefined(m.Kind), "kind is not a known command");
        problems.Time("issuedAt", m.IssuedAt);
        problems.Check(!string.IsNullOrWhiteSpace(m.IssuedBy) && m.IssuedBy.Length <= 128, "issuedBy must be 1 to 128 characters");
        problems.Text("comment", m.Comment);
        problems.Check(m.AlertId != Guid.Empty, "alertId must not be the empty GUID");
        switch (m.Kind)
        {
            case CommandKind.Acknowledge or CommandKind.SilenceSiren or CommandKind.Clear:
                problems.Check(m.AlertId is not null, $"{m.Kind} needs an alertId");
                break;
            case CommandKind.TestOutput:
                problems.Identifier("output", m.Output);
                problems.Check(m.DurationMs is >= 1 and <= 60_000, "durationMs must be between 1 and 60000");
                break;
            case CommandKind.ConfigPush:
                problems.Check(!string.IsNullOrWhiteSpace(m.SiteFile), "config-push needs the site file");
                break;
        }

        return problems.List;
    }

    public static IReadOnlyList<string> Validate(ReceiptMessage m)
    {
        var problems = new Problems();
        problems.Version(m.V);
        problems.Check(m.Events is not null && m.Snapshots is not null, "events and snapshots must be lists");
        var count = (m.Events?.Count ?? 0) + (m.Snapshots?.Count ?? 0);
        problems.Check(count <= MessageLimits.MaxReceiptItems, $"at most {MessageLimits.MaxReceiptItems} receipts in one message");
        foreach (var item in m.Events ?? [])
        {
            problems.Check(item is not null && item.Seq >= 1, "every receipted seq must be 1 or more");
        }

        foreach (var item in m.Snapshots ?? [])
        {
            problems.Check(item is not null && item.AlertId != Guid.Empty && item.Index is >= 1 and <= MessageLimits.MaxSnapshotsPerAlert,
                "every receipted snapshot needs an alertId and an index in range");
        }

        return problems.List;
    }

    /// <summary>Kinds that only make sense about one alert.</summary>
    public static bool IsAlertScoped(AlertEventKind kind) => kind is not (
        AlertEventKind.CommandApplied or AlertEventKind.CommandRejected or AlertEventKind.FaultRaised or AlertEventKind.FaultCleared);

    private sealed class Problems
    {
        public List<string> List { get; } = [];

        public void Check(bool ok, string problem)
        {
            if (!ok)
            {
                List.Add(problem);
            }
        }

        public void Version(int v) => Check(v == ContractVersion.Current, $"v must be {ContractVersion.Current}, got {v}");

        public void Identifier(string name, string? value) =>
            Check(Identifiers.IsValid(value), $"{name} must be {Identifiers.Rule}");

        public void Time(string name, DateTimeOffset value) =>
            Check(value >= s_earliest && value < s_latest, $"{name} is not a plausible time");

        public void Text(string name, string? value, int max = MessageLimits.MaxTextLength) =>
            Check(value is null || value.Length <= max, $"{name} is longer than {max} characters");

        public void Data(IReadOnlyDictionary<string, string>? data)
        {
            if (data is null)
            {
                return;
            }

            Check(data.Count <= MessageLimits.MaxDataEntries, $"data has more than {MessageLimits.MaxDataEntries} entries");
            foreach (var (key, value) in data)
            {
                Check(key.Length is >= 1 and <= 64, "data keys must be 1 to 64 characters");
                Check(value is not null && value.Length <= MessageLimits.MaxTextLength, $"data values must be at most {MessageLimits.MaxTextLength} characters");
            }
        }
    }
}
