using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Edge.Uplink.Connection;

/// <summary>
/// Keeps the MQTT connection alive the way MQTTnet's maintainers recommend since v5 dropped its managed client
/// ("Reconnect_Using_Timer"): a loop pings on a timer and reconnects when the ping fails, instead of reconnecting
/// from the Disconnected event (deadlock-prone) or trusting IsConnected (it stays true on a half-open link,
/// dotnet/MQTTnet#2248). Reconnects back off exponentially with jitter so that every box of a town does not hammer a
/// relay that is coming back at the same instant.
/// </summary>
internal sealed partial class ConnectionWatchdog
{
    private readonly Func<CancellationToken, Task<bool>> _isAlive;
    private readonly Func<CancellationToken, Task> _connect;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _reconnect;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public ConnectionWatchdog(Func<CancellationToken, Task<bool>> isAlive, Func<CancellationToken, Task> connect, TimeSpan interval, TimeSpan maxBackoff, TimeProvider time, Random random, ILogger logger)
    {
        _isAlive = isAlive;
        _connect = connect;
        _interval = interval;
        _time = time;
        _logger = logger;
        _reconnect = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not OperationCanceledException),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Randomizer = random.NextDouble,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = maxBackoff,
                MaxRetryAttempts = int.MaxValue,
                OnRetry = args =>
                {
                    Log.Retrying(_logger, args.AttemptNumber + 1, args.RetryDelay.TotalSeconds, args.Outcome.Exception?.Message ?? "?");
                    return default;
                },
            })
            .Build();
    }

    /// <summary>Checks now rather than at the next tick (from the Disconnected event, which only signals).</summary>
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

            using var tick = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            await Task.WhenAny(Task.Delay(_interval, _time, tick.Token), _wake.Reader.WaitToReadAsync(tick.Token).AsTask()).ConfigureAwait(false);
            await tick.CancelAsync().ConfigureAwait(false);
            _wake.Reader.TryRead(out _);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot reach the relay's broker ({Reason}); attempt {Attempt} in {DelaySeconds:0.0} s")]
        public static partial void Retrying(ILogger logger, int attempt, double delaySeconds, string reason);
    }
}
