using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Relay.Ingest.Client;

/// <summary>
/// Keeps one MQTT connection alive, the way MQTTnet's maintainers recommend since v5 dropped the managed client
/// ("Reconnect_Using_Timer"): a loop that pings on a timer and reconnects when the ping fails, rather than
/// reconnecting from the Disconnected event (deadlock-prone) or trusting IsConnected alone (it can stay true on a
/// half-open link). Reconnects back off exponentially with jitter (Polly), so that a hundred relays and boxes do not
/// hammer a broker that is coming back, and every reconnect re-subscribes.
/// </summary>
internal sealed partial class ConnectionWatchdog
{
    private readonly Func<CancellationToken, Task<bool>> _isAlive;
    private readonly Func<CancellationToken, Task> _connect;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _reconnect;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <param name="isAlive">Pings; false (or an exception) means the connection is gone.</param>
    /// <param name="connect">Connects and subscribes; throws when either fails.</param>
    public ConnectionWatchdog(
        Func<CancellationToken, Task<bool>> isAlive,
        Func<CancellationToken, Task> connect,
        TimeSpan interval,
        TimeSpan maxBackoff,
        TimeProvider timeProvider,
        ILogger logger)
    {
        _isAlive = isAlive;
        _connect = connect;
        _interval = interval;
        _timeProvider = timeProvider;
        _logger = logger;
        _reconnect = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not OperationCanceledException),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = maxBackoff,
                MaxRetryAttempts = int.MaxValue,
                OnRetry = args =>
                {
                    LogRetry(_logger, args.AttemptNumber + 1, args.RetryDelay.TotalSeconds, args.Outcome.Exception?.Message ?? "?");
                    return default;
                },
            })
            .Build();
    }

    /// <summary>Checks now instead of at the next tick (called from the client's Disconnected event: it only signals,
    /// the reconnect itself happens on the watchdog's loop).</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            bool alive;
            try
            {
                alive = await _isAlive(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                alive = false;
            }

            if (!alive)
            {
                await _reconnect.ExecuteAsync(async ct => await _connect(ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            }

            await WaitForTickOrWakeAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WaitForTickOrWakeAsync(CancellationToken cancellationToken)
    {
        using var tick = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(_interval, _timeProvider, tick.Token);
        var wake = _wake.Reader.WaitToReadAsync(tick.Token).AsTask();
        await Task.WhenAny(delay, wake).ConfigureAwait(false);
        await tick.CancelAsync().ConfigureAwait(false);
        _wake.Reader.TryRead(out _);
        cancellationToken.ThrowIfCancellationRequested();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Broker connection attempt failed ({Reason}); attempt {Attempt} in {DelaySeconds:0.0} s")]
    private static partial void LogRetry(ILogger logger, int attempt, double delaySeconds, string reason);
}
