using Relay.Core.Alerts;
using Relay.Core.Retention;

namespace Relay.Core.Storage;

/// <summary>What the crisis cell decides about alerts, and what retention removes.</summary>
public sealed partial class LiteDbRelayStore
{
    public Task<AlertSummary?> RecordAcknowledgementAsync(Guid alertId, string by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Write(() =>
        {
            var alert = _alerts.FindById(alertId);
            if (alert is null)
            {
                return null;
            }

            alert.Acknowledged = true;
            if (alert.AcknowledgedBy is null)
            {
                alert.AcknowledgedBy = by;
                alert.AcknowledgedAt = at;
            }

            _alerts.Update(alert);
            return ToSummary(alert);
        }));
    }

    public Task<AlertSummary?> CloseAlertAsync(Guid alertId, string by, DateTimeOffset at, string comment, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Write(() =>
        {
            var alert = _alerts.FindById(alertId);
            if (alert is null)
            {
                return null;
            }

            if (alert.ClosedAt is null)
            {
                alert.ClosedAt = at;
                alert.ClosedBy = by;
                alert.CloseComment = comment;
                _alerts.Update(alert);
            }

            return ToSummary(alert);
        }));
    }

    public Task<SnapshotPurge> PurgeSnapshotsAsync(DateTimeOffset receivedBefore, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Write(() =>
        {
            var expired = _snapshots.Find(x => x.ReceivedAt < receivedBefore).ToList();
            foreach (var snapshot in expired)
            {
                _snapshotData.Delete(snapshot.Id);
                _snapshots.Delete(snapshot.Id);
            }

            return new SnapshotPurge(receivedBefore, expired.Count, expired.Sum(s => (long)s.Size), expired.Select(s => s.AlertId).Distinct().Count());
        }));
    }
}
