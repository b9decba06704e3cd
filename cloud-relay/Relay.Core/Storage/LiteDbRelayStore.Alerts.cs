using System.Security.Cryptography;
using System.Text;
using Edge.Contracts.Messages;
using Edge.Contracts.Serialization;
using LiteDB;
using Microsoft.Extensions.Logging;
using Relay.Core.Alerts;
using Relay.Core.Commands;
using Relay.Core.Devices;
using Relay.Core.Storage.Documents;

namespace Relay.Core.Storage;

public sealed partial class LiteDbRelayStore
{
    public Task<BatchCommit> CommitBatchAsync(IReadOnlyList<IncomingEvent> events, IReadOnlyList<IncomingSnapshot> snapshots, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Write(() => CommitBatch(events, snapshots)));
    }

    public Task<IReadOnlyList<AlertView>> GetAlertsAsync(AlertQuery query, CancellationToken cancellationToken) =>
        Task.FromResult(Read<IReadOnlyList<AlertView>>(() =>
        {
            var alerts = query.Site is null
                ? _alerts.Query()
                : _alerts.Query().Where(x => x.Site == query.Site);
            return alerts
                .OrderByDescending(x => x.RaisedAt)
                .Limit(query.EffectiveLimit)
                .ToList()
                .Select(ToView)
                .ToList();
        }));

    public Task<AlertView?> GetAlertAsync(Guid alertId, CancellationToken cancellationToken) =>
        Task.FromResult(Read(() => _alerts.FindById(alertId) is { } alert ? ToView(alert) : null));

    public Task<AlertSummary?> GetLatestAlertAsync(DeviceId device, CancellationToken cancellationToken) =>
        Task.FromResult(Read(() =>
        {
            var latest = _alerts.Query()
                .Where(x => x.Site == device.Site && x.Device == device.Device)
                .OrderByDescending(x => x.RaisedAt)
                .FirstOrDefault();
            return latest is null ? null : ToSummary(latest);
        }));

    public Task<IReadOnlyList<AlertSummary>> GetOpenAlertsAsync(DateTimeOffset receivedSince, CancellationToken cancellationToken) =>
        Task.FromResult(Read<IReadOnlyList<AlertSummary>>(() =>
        {
            var open = nameof(AlertStatus.Open);
            return _alerts.Query()
                .Where(x => x.FirstReceivedAt >= receivedSince && x.Status == open)
                .ToList()
                .Select(ToSummary)
                .ToList();
        }));

    public Task<IReadOnlyList<SnapshotInfo>> GetSnapshotsAsync(Guid alertId, CancellationToken cancellationToken) =>
        Task.FromResult(Read<IReadOnlyList<SnapshotInfo>>(() =>
            _snapshots.Find(Query.EQ(nameof(SnapshotDocument.AlertId), alertId))
                .OrderBy(x => x.Index)
                .Select(x => new SnapshotInfo(x.AlertId, x.Site, x.Device, x.Index, x.Size, x.ReceivedAt))
                .ToList()));

    public Task<byte[]?> GetSnapshotAsync(Guid alertId, int index, CancellationToken cancellationToken) =>
        Task.FromResult(Read(() =>
        {
            var meta = _snapshots.FindOne(Query.And(
                Query.EQ(nameof(SnapshotDocument.AlertId), alertId),
                Query.EQ(nameof(SnapshotDocument.Index), index)));
            return meta is null ? null : _snapshotData.FindById(meta.Id)?.Data;
        }));

    public Task<SequenceReport> GetSequenceAsync(DeviceId device, CancellationToken cancellationToken) =>
        Task.FromResult(Read(() =>
        {
            var progress = ToProgress(_sequences.FindById(SequenceKey(device)));
            return new SequenceReport(device.Site, device.Device, progress.HighestContiguous, progress.HighestReceived, progress.Gaps);
        }));

    private BatchCommit CommitBatch(IReadOnlyList<IncomingEvent> events, IReadOnlyList<IncomingSnapshot> snapshots)
    {
        var sequences = new Dictionary<DeviceId, (SequenceDocument Document, SequenceProgress Progress)>();
        var eventOutcomes = new List<EventOutcome>(events.Count);
        foreach (var incoming in events)
        {
            var e = incoming.Event;
            var device = new DeviceId(e.Site, e.Device);
            eventOutcomes.Add(new EventOutcome(device, e.Seq, e.AlertId, StoreEvent(incoming, device, sequences)));
        }

        foreach (var (document, progress) in sequences.Values)
        {
            document.HighestContiguous = progress.HighestContiguous;
            document.Ahead = progress.Ahead.Select(r => new RangeDocument { From = r.From, To = r.To }).ToList();
            _sequences.Upsert(document);
        }

        var snapshotOutcomes = new List<SnapshotOutcome>(snapshots.Count);
        foreach (var snapshot in snapshots)
        {
            snapshotOutcomes.Add(new SnapshotOutcome(snapshot.Device, snapshot.AlertId, snapshot.Index, StoreSnapshot(snapshot)));
        }

        return new BatchCommit(eventOutcomes, snapshotOutcomes);
    }

    private StoreOutcome StoreEvent(IncomingEvent incoming, DeviceId device, Dictionary<DeviceId, (SequenceDocument, SequenceProgress)> sequences)
    {
        var e = incoming.Event;
        var id = EventKey(device, e.Seq);
        var existing = _events.FindById(id);
        if (existing is not null)
        {
            if (existing.Json == incoming.CanonicalJson)
            {
                return StoreOutcome.Duplicate;
            }

            var conflictId = $"{id}/{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(incoming.CanonicalJson)))}";
            if (_conflicts.FindById(conflictId) is null)
            {
                _conflicts.Insert(new ConflictDocument { Id = conflictId, EventId = id, Json = incoming.CanonicalJson, ReceivedAt = incoming.ReceivedAt });
                LogSequenceConflict(_logger, device.Username, e.Seq);
            }

            return StoreOutcome.Conflict;
        }

        _events.Insert(new EventDocument
        {
            Id = id,
            Site = device.Site,
            Device = device.Device,
            Seq = e.Seq,
            AlertId = e.AlertId,
            Kind = e.Kind.ToString(),
            CommandId = e.CommandId,
            ReceivedAt = incoming.ReceivedAt,
            Json = incoming.CanonicalJson,
        });

        if (!sequences.TryGetValue(device, out var sequence))
        {
            var document = _sequences.FindById(SequenceKey(device)) ?? new SequenceDocument { Id = SequenceKey(device), Site = device.Site, Device = device.Device };
            sequence = (document, ToProgress(document));
            sequences[device] = sequence;
        }

        sequence.Item2.Add(e.Seq);

        if (e.AlertId is { } alertId)
        {
            UpdateAlert(alertId, device, incoming);
        }

        AnswerCommand(device, e, incoming.ReceivedAt);
        return StoreOutcome.Stored;
    }

    private void UpdateAlert(Guid alertId, DeviceId device, IncomingEvent incoming)
    {
        var e = incoming.Event;
        var alert = _alerts.FindById(alertId);
        if (alert is null)
        {
            alert = new AlertDocument
            {
                Id = alertId,
                Site = device.Site,
                Device = device.Device,
                Status = nameof(AlertStatus.Open),
                RaisedAt = e.At,
                FirstReceivedAt = incoming.ReceivedAt,
            };
        }
        else if (alert.Site != device.Site || alert.Device != device.Device)
        {
            // Alert ids are UUIDv7 from one box: another device using the same id is a bug or a forgery. The event
            // is stored under its own device; it does not get to change someone else's alert.
            LogForeignAlertId(_logger, device.Username, alertId);
            return;
        }

        alert.EventCount++;
        alert.LastReceivedAt = incoming.ReceivedAt;
        alert.Drill |= e.Drill;
        switch (e.Kind)
        {
            case AlertEventKind.Raised:
                alert.HasRaisedEvent = true;
                alert.RaisedAt = e.PressedAt ?? e.At;
                alert.Severity = e.Severity?.ToString();
                alert.Scenario = e.Scenario;
                alert.Button = e.Button;
                break;
            case AlertEventKind.Acknowledged:
                alert.Acknowledged = true;
                if (alert.AcknowledgedBy is null)
                {
                    // A callee who pressed a digit, or the operator whose command this answers (already recorded).
                    alert.AcknowledgedBy = e.Data?.GetValueOrDefault("by") ?? "box";
                    alert.AcknowledgedAt = incoming.ReceivedAt;
                }

                break;
            case AlertEventKind.Cleared when alert.Status == nameof(AlertStatus.Open):
                alert.Status = nameof(AlertStatus.Cleared);
                break;
            case AlertEventKind.FalseAlarm:
                alert.Status = nameof(AlertStatus.FalseAlarm);
                break;
        }

        if (!alert.HasRaisedEvent && e.At < alert.RaisedAt)
        {
            alert.RaisedAt = e.At;
        }

        _alerts.Upsert(alert);
    }

    private void AnswerCommand(DeviceId device, AlertEvent e, DateTimeOffset receivedAt)
    {
        if (!CommandAnswer.TryRead(e, out var commandId, out var status))
        {
            return;
        }

        var command = _commands.FindById(commandId);
        if (command is null || command.Site != device.Site || command.Device != device.Device ||
            !CommandAnswer.CanBeAnswered(Enum.Parse<CommandStatus>(command.Status)))
        {
            return;
        }

        command.Status = status.ToString();
        command.AnsweredAt = receivedAt;
        command.AnsweredBySeq = e.Seq;
        command.Detail = e.Detail;
        _commands.Update(command);
    }

    private StoreOutcome StoreSnapshot(IncomingSnapshot snapshot)
    {
        var id = SnapshotKey(snapshot.Device, snapshot.AlertId, snapshot.Index);
        if (_snapshots.FindById(id) is not null)
        {
            return StoreOutcome.Duplicate;
        }

        _snapshotData.Insert(new SnapshotDataDocument { Id = id, Data = snapshot.Jpeg.ToArray() });
        _snapshots.Insert(new SnapshotDocument
        {
            Id = id,
            Site = snapshot.Device.Site,
            Device = snapshot.Device.Device,
            AlertId = snapshot.AlertId,
            Index = snapshot.Index,
            Size = snapshot.Jpeg.Length,
            ReceivedAt = snapshot.ReceivedAt,
        });
        return StoreOutcome.Stored;
    }

    private AlertView ToView(AlertDocument alert)
    {
        var events = _events.Find(Query.EQ(nameof(EventDocument.AlertId), alert.Id))
            .Where(x => x.Site == alert.Site && x.Device == alert.Device)
            .OrderBy(x => x.Seq)
            .Select(ToStoredEvent)
            .ToList();
        return new AlertView(ToSummary(alert), events);
    }

    private AlertSummary ToSummary(AlertDocument alert) => new()
    {
        AlertId = alert.Id,
        Site = alert.Site,
        Device = alert.Device,
        Status = Enum.Parse<AlertStatus>(alert.Status),
        Acknowledged = alert.Acknowledged,
        Drill = alert.Drill,
        HasRaisedEvent = alert.HasRaisedEvent,
        Severity = alert.Severity is null ? null : Enum.Parse<AlertSeverity>(alert.Severity),
        Scenario = alert.Scenario,
        Button = alert.Button,
        RaisedAt = alert.RaisedAt,
        FirstReceivedAt = alert.FirstReceivedAt,
        LastReceivedAt = alert.LastReceivedAt,
        EventCount = alert.EventCount,
        SnapshotCount = _snapshots.Count(Query.EQ(nameof(SnapshotDocument.AlertId), alert.Id)),
        AcknowledgedBy = alert.AcknowledgedBy,
        AcknowledgedAt = alert.AcknowledgedAt,
        ClosedAt = alert.ClosedAt,
        ClosedBy = alert.ClosedBy,
        CloseComment = alert.CloseComment,
    };

    private static StoredEvent ToStoredEvent(EventDocument document)
    {
        // Stored text was written by the contract serializer after validation; reading it back the same strict way
        // turns silent corruption into a loud error.
        var read = ContractSerializer.ReadAlertEvent(Encoding.UTF8.GetBytes(document.Json));
        return read.IsValid
            ? new StoredEvent(read.Message, document.ReceivedAt)
            : throw new InvalidDataException($"Stored event {document.Id} no longer reads as an AlertEvent: {read.Error}");
    }

    private static SequenceProgress ToProgress(SequenceDocument? document) =>
        document is null
            ? new SequenceProgress()
            : new SequenceProgress(document.HighestContiguous, document.Ahead.Select(r => new SeqRange(r.From, r.To)));

    private static string EventKey(DeviceId device, long seq) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{device.Site}/{device.Device}/{seq:D19}");

    private static string SnapshotKey(DeviceId device, Guid alertId, int index) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{device.Site}/{device.Device}/{alertId:D}/{index:D2}");

    private static string SequenceKey(DeviceId device) => $"{device.Site}/{device.Device}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {Device} sent seq {Seq} again with different content: kept aside as a conflict and receipted. Has the box lost its sequence counter?")]
    private static partial void LogSequenceConflict(ILogger logger, string device, long seq);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {Device} used alert id {AlertId}, which belongs to another device; the event is stored but does not change that alert")]
    private static partial void LogForeignAlertId(ILogger logger, string device, Guid alertId);
}
