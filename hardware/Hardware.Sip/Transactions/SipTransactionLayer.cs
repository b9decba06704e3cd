using System.Collections.Concurrent;
using Hardware.Sip.Messages;
using Hardware.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace Hardware.Sip.Transactions;

/// <summary>
/// Creates client transactions, matches responses to them by top Via branch and CSeq method (§17.1.3),
/// and remembers our recent responses to requests so that a retransmitted request gets the same answer
/// (the server-transaction duty of §17.2, simplified to a response cache).
/// </summary>
internal sealed class SipTransactionLayer : IDisposable
{
    private readonly ConcurrentDictionary<string, ClientTransaction> _clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (SipResponse Response, DateTimeOffset Expires)> _sentResponses = new(StringComparer.Ordinal);

    public SipTransactionLayer(SipSender sender, TimeProvider time, SipTimers timers, ILogger logger)
    {
        Sender = sender;
        Time = time;
        Timers = timers;
        Logger = logger;
    }

    public SipSender Sender { get; }

    public TimeProvider Time { get; }

    public SipTimers Timers { get; }

    public ILogger Logger { get; }

    public int ActiveCount => _clients.Count;

    public ClientInviteTransaction StartInvite(SipRequest invite, SipEndPoint destination, Action<SipResponse>? provisional,
        Action<ClientTransaction>? completed = null)
    {
        var transaction = new ClientInviteTransaction(invite, destination, this) { ProvisionalReceived = provisional, Completed = completed };
        Add(transaction);
        transaction.Start();
        return transaction;
    }

    public ClientNonInviteTransaction StartNonInvite(SipRequest request, SipEndPoint destination, Action<SipResponse>? provisional = null)
    {
        var transaction = new ClientNonInviteTransaction(request, destination, this) { ProvisionalReceived = provisional };
        Add(transaction);
        transaction.Start();
        return transaction;
    }

    private void Add(ClientTransaction transaction)
    {
        if (!_clients.TryAdd(transaction.Key, transaction))
        {
            throw new InvalidOperationException($"Duplicate transaction {transaction.Key}.");
        }
    }

    /// <summary>Routes a response to its transaction; false when none matches (e.g. a retransmitted 2xx to INVITE).</summary>
    public bool TryDeliver(SipResponse response)
    {
        string branch;
        string method;
        try
        {
            branch = response.TopVia.Branch ?? string.Empty;
            method = response.CSeq.Method;
        }
        catch (FormatException)
        {
            return false;
        }
        if (!_clients.TryGetValue(ClientTransaction.TransactionKey(branch, method), out var transaction))
        {
            return false;
        }
        transaction.OnResponse(response);
        return true;
    }

    internal void Remove(ClientTransaction transaction) =>
        _clients.TryRemove(new KeyValuePair<string, ClientTransaction>(transaction.Key, transaction));

    /// <summary>Remembers a response we sent to a request, for 64·T1 (Timer J of §17.2.2).</summary>
    public void RememberResponse(SipRequest request, SipResponse response)
    {
        PurgeExpiredResponses();
        _sentResponses[ServerKey(request)] = (response, Time.GetUtcNow() + Timers.TransactionTimeout);
    }

    /// <summary>The response we already sent to this (retransmitted) request, or null.</summary>
    public SipResponse? FindSentResponse(SipRequest request) =>
        _sentResponses.TryGetValue(ServerKey(request), out var entry) && entry.Expires > Time.GetUtcNow() ? entry.Response : null;

    private void PurgeExpiredResponses()
    {
        var now = Time.GetUtcNow();
        foreach (var (key, entry) in _sentResponses)
        {
            if (entry.Expires <= now)
            {
                _sentResponses.TryRemove(key, out _);
            }
        }
    }

    private static string ServerKey(SipRequest request) =>
        (request.TopVia.Branch ?? request.CallId + request.CSeq) + "|" + request.Method + "|" + request.TopVia.Host + ":" + request.TopVia.Port;

    public void Dispose()
    {
        foreach (var transaction in _clients.Values)
        {
            transaction.Dispose();
        }
        _clients.Clear();
    }
}
