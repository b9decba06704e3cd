using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Relay.Core.Alerts;
using Relay.Core.Certificates;
using Relay.Core.Sites;
using Relay.Ingest.Broker;
using Relay.Ingest.Client;

namespace Relay.Ingest;

/// <summary>
/// Starts the relay's ingest in order: site state from the store, the broker (embedded mode), the worker, then the
/// client; and stops it the other way round. In embedded mode start-up waits for the client's first subscription,
/// so the broker never takes a device's message with nobody subscribed.
/// </summary>
public sealed partial class RelayIngestService(
    IBroker broker,
    IngestClient client,
    IngestWorker worker,
    SiteStateTracker sites,
    IAlertStore store,
    DeviceCertificates certificates,
    IOptions<SiteOptions> siteOptions,
    TimeProvider timeProvider,
    ILogger<RelayIngestService> logger) : IHostedService
{
    private static readonly TimeSpan s_embeddedStartTimeout = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _stopping = new();
    private Task? _workerTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var alertingSince = timeProvider.GetUtcNow() - siteOptions.Value.AlertingWindow;
        sites.LoadOpenAlerts(await store.GetOpenAlertsAsync(alertingSince, cancellationToken).ConfigureAwait(false));
        sites.StartSupervision();

        // Revocations made while the relay was stopped (admin commands) apply from the first handshake on.
        await certificates.LoadRevocationsAsync(cancellationToken).ConfigureAwait(false);
        await broker.StartAsync(cancellationToken).ConfigureAwait(false);
        _workerTask = Task.Run(() => worker.RunAsync(_stopping.Token), CancellationToken.None);
        client.Start();
        if (broker.Mode == BrokerMode.Embedded)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(s_embeddedStartTimeout);
            await client.WaitSubscribedAsync(timeout.Token).ConfigureAwait(false);
        }
        else
        {
            LogExternal(logger, broker.Endpoint);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await client.StopAsync(cancellationToken).ConfigureAwait(false);
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_workerTask is not null)
        {
            try
            {
                await _workerTask.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        await broker.StopAsync(cancellationToken).ConfigureAwait(false);
        sites.Dispose();
        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Relay ingest uses the external broker at {Endpoint}; it keeps reconnecting in the background if that broker is down")]
    private static partial void LogExternal(ILogger logger, string endpoint);
}
