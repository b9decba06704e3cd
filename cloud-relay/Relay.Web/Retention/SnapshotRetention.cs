using System.Globalization;
using Microsoft.Extensions.Options;
using Relay.Core.Alerts;
using Relay.Core.Audit;
using Relay.Core.Retention;
using Relay.Web.Audit;

namespace Relay.Web.Retention;

/// <summary>
/// Removes snapshots older than <see cref="RetentionOptions.Snapshots"/> (30 days by default: French law caps video
/// protection images at one month), once at start and then every <see cref="RetentionOptions.PurgeInterval"/> on the
/// injected clock. Alerts, their events and the audit log are kept. Each purge that removes something is logged and
/// audited as the <c>system</c> user.
/// </summary>
public sealed partial class SnapshotRetention(
    IAlertStore alerts,
    AuditTrail audit,
    IOptions<RetentionOptions> options,
    TimeProvider timeProvider,
    ILogger<SnapshotRetention> logger) : IHostedService, IAsyncDisposable
{
    private readonly SemaphoreSlim _running = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private ITimer? _timer;
    private Task _startupPurge = Task.CompletedTask;

    /// <summary>Raised after every purge, including those that removed nothing (tests wait on it).</summary>
    public event Action<SnapshotPurge>? Purged;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var interval = options.Value.PurgeInterval;
        _timer = timeProvider.CreateTimer(_ => _ = PurgeInBackgroundAsync(), null, interval, interval);
        _startupPurge = PurgeInBackgroundAsync();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_timer is not null)
        {
            await _timer.DisposeAsync().ConfigureAwait(false);
        }

        await _startupPurge.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes what is past retention now; one purge at a time.</summary>
    public async Task<SnapshotPurge> PurgeAsync(CancellationToken cancellationToken)
    {
        await _running.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var retention = options.Value.Snapshots;
            var purge = await alerts.PurgeSnapshotsAsync(timeProvider.GetUtcNow() - retention, cancellationToken).ConfigureAwait(false);
            if (purge.Snapshots > 0)
            {
                var detail = string.Create(CultureInfo.InvariantCulture,
                    $"{purge.Snapshots} snapshot(s) of {purge.Alerts} alert(s), {purge.Bytes} bytes, received before {purge.ReceivedBefore:O} (retention {retention.TotalDays:0.##} days)");
                LogPurged(logger, detail);
                await audit.RecordSystemAsync(AuditActions.SnapshotsPurged, null, detail, cancellationToken).ConfigureAwait(false);
            }

            Purged?.Invoke(purge);
            return purge;
        }
        finally
        {
            _running.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
        _running.Dispose();
    }

    private async Task PurgeInBackgroundAsync()
    {
        try
        {
            await PurgeAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Tried again at the next interval; the images stay a little longer, nothing else is affected.
            LogPurgeFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: removed {Detail}")]
    private static partial void LogPurged(ILogger logger, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention: the snapshot purge failed; it is tried again at the next interval")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception);
}
