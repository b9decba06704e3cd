using Hardware.Sip.Messages;
using Hardware.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace Hardware.Sip.Transactions;

/// <summary>
/// Common machinery of the two client transactions of RFC 3261 §17.1: the request, its destination,
/// a retransmission timer and a timeout timer driven by the injected <see cref="TimeProvider"/>.
/// </summary>
internal abstract class ClientTransaction : IDisposable
{
    private readonly TaskCompletionSource<SipResponse?> _final = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ITimer? _retransmitTimer;
    private ITimer? _timeoutTimer;
    private ITimer? _lingerTimer;

    protected ClientTransaction(SipRequest request, SipEndPoint destination, SipTransactionLayer layer)
    {
        Request = request;
        Destination = destination;
        Layer = layer;
        Key = TransactionKey(request.TopVia.Branch ?? string.Empty, request.Method);
    }

    public SipRequest Request { get; }

    public SipEndPoint Destination { get; }

    public string Key { get; }

    /// <summary>
    /// The final response, or null when the transaction timed out (Timer B/F: no answer at all).
    /// Faults with the transport's exception when the request could not be sent.
    /// </summary>
    public Task<SipResponse?> FinalResponse => _final.Task;

    /// <summary>Called for each provisional (1xx) response, in order.</summary>
    public Action<SipResponse>? ProvisionalReceived { get; init; }

    /// <summary>
    /// Called once, synchronously, when <see cref="FinalResponse"/> gets its outcome (final response, timeout, send
    /// error or disposal). For a response this runs on the receiving thread before the next message is read, so the TU
    /// sees the final response in wire order with what follows it: a retransmitted 2xx, which no longer matches the
    /// terminated transaction (§17.1.1.2), or a request of the new dialog. A continuation of <see cref="FinalResponse"/>
    /// runs on the thread pool and may come after those.
    /// </summary>
    public Action<ClientTransaction>? Completed { get; init; }

    protected SipTransactionLayer Layer { get; }

    protected object Sync { get; } = new();

    protected SipTimers Timers => Layer.Timers;

    public static string TransactionKey(string branch, string method) =>
        branch + "|" + (method == SipMethods.Ack ? SipMethods.Invite : method);

    public void Start()
    {
        Send(Request);
        lock (Sync)
        {
            if (!Destination.IsReliable)
            {
                ScheduleRetransmit(Timers.T1);
            }
            _timeoutTimer = Layer.Time.CreateTimer(_ => OnTimeout(), null, Timers.TransactionTimeout, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>A response whose top Via branch and CSeq method matched this transaction (§17.1.3).</summary>
    public abstract void OnResponse(SipResponse response);

    protected abstract TimeSpan NextRetransmitInterval(TimeSpan current);

    protected void ScheduleRetransmit(TimeSpan interval)
    {
        _retransmitTimer?.Dispose();
        _retransmitTimer = Layer.Time.CreateTimer(_ => OnRetransmitTimer(interval), null, interval, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Stops Timer B: an INVITE that got a provisional waits for its final without limit (§17.1.1.2).</summary>
    protected void StopTimeout()
    {
        _timeoutTimer?.Dispose();
        _timeoutTimer = null;
    }

    protected void StopRetransmissions()
    {
        _retransmitTimer?.Dispose();
        _retransmitTimer = null;
    }

    private void OnRetransmitTimer(TimeSpan interval)
    {
        lock (Sync)
        {
            if (_retransmitTimer is null || _final.Task.IsCompleted)
            {
                return;
            }
            ScheduleRetransmit(NextRetransmitInterval(interval));
        }
        Layer.Logger.LogDebug("Retransmitting {Method} (branch {Branch})", Request.Method, Request.TopVia.Branch);
        Send(Request);
    }

    private void OnTimeout()
    {
        lock (Sync)
        {
            StopRetransmissions();
        }
        if (SetFinal(null))
        {
            Layer.Logger.LogInformation("{Method} to {Destination} timed out after {Timeout}", Request.Method, Destination, Timers.TransactionTimeout);
        }
        Terminate();
    }

    protected bool Complete(SipResponse response)
    {
        lock (Sync)
        {
            StopRetransmissions();
            _timeoutTimer?.Dispose();
            _timeoutTimer = null;
        }
        return SetFinal(response);
    }

    private bool SetFinal(SipResponse? response, Exception? error = null)
    {
        var set = error is null ? _final.TrySetResult(response) : _final.TrySetException(error);
        if (set)
        {
            Completed?.Invoke(this);
        }
        return set;
    }

    /// <summary>Keeps the transaction in the table for a while to absorb retransmitted responses (Timer D/K).</summary>
    protected void LingerThenTerminate(TimeSpan linger)
    {
        if (Destination.IsReliable || linger <= TimeSpan.Zero)
        {
            Terminate();
            return;
        }
        lock (Sync)
        {
            _lingerTimer?.Dispose();
            _lingerTimer = Layer.Time.CreateTimer(_ => Terminate(), null, linger, Timeout.InfiniteTimeSpan);
        }
    }

    protected void Terminate() => Layer.Remove(this);

    protected void Send(SipMessage message)
    {
        _ = SendCoreAsync(message);
    }

    private async Task SendCoreAsync(SipMessage message)
    {
        try
        {
            await Layer.Sender(message, Destination, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A send failure ends the transaction: the TU sees it as a faulted FinalResponse.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Layer.Logger.LogInformation("Sending {Method} to {Destination} failed: {Error}", Request.Method, Destination, ex.Message);
            lock (Sync)
            {
                StopRetransmissions();
            }
            SetFinal(null, ex);
            Terminate();
        }
    }

    public void Dispose()
    {
        lock (Sync)
        {
            StopRetransmissions();
            _timeoutTimer?.Dispose();
            _lingerTimer?.Dispose();
        }
        SetFinal(null);
    }
}
