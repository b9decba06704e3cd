using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Hardware.Sip.Messages;
using Hardware.Sip.Transactions;
using Hardware.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace Hardware.Sip;

/// <summary>What a call registers with the stack to receive its in-dialog traffic.</summary>
/// <param name="OnRequest">A request with our Call-ID; returns false to let the stack answer 481.</param>
/// <param name="OnStrayResponse">A response no transaction matched (a retransmitted 2xx to INVITE, §13.2.2.4).</param>
internal sealed record DialogHandlers(Func<SipRequest, SipEndPoint, bool> OnRequest, Action<SipResponse> OnStrayResponse);

/// <summary>
/// The user agent core shared by registration and calls: transport, transaction layer, request
/// building, dispatch of incoming requests to calls, and default answers (OPTIONS, 481, 405).
/// </summary>
internal sealed class SipStack : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, DialogHandlers> _dialogs = new(StringComparer.Ordinal);

    public SipStack(SipAccount account, SipPhoneOptions options, TimeProvider time, SipIdGenerator ids, ILoggerFactory loggerFactory)
    {
        Account = account;
        Options = options;
        Time = time;
        Ids = ids;
        LoggerFactory = loggerFactory;
        Logger = loggerFactory.CreateLogger("Hardware.Sip");
        Transport = new SipTransport(account.LocalEndPoint, loggerFactory.CreateLogger("Hardware.Sip.Transport"));
        Transport.MessageReceived = OnMessage;
        Transactions = new SipTransactionLayer(Transport.SendAsync, time, options.Timers, loggerFactory.CreateLogger("Hardware.Sip.Transactions"));
    }

    public SipAccount Account { get; }

    public SipPhoneOptions Options { get; }

    public TimeProvider Time { get; }

    public SipIdGenerator Ids { get; }

    public ILoggerFactory LoggerFactory { get; }

    public ILogger Logger { get; }

    public SipTransport Transport { get; }

    public SipTransactionLayer Transactions { get; }

    public void Start() => Transport.Start();

    public IDisposable RegisterDialog(string callId, DialogHandlers handlers)
    {
        _dialogs[callId] = handlers;
        return new Unregistration(() => _dialogs.TryRemove(new KeyValuePair<string, DialogHandlers>(callId, handlers)));
    }

    /// <summary>Resolves the next hop for a request: the first Route if any (loose routing), else the Request-URI.</summary>
    public Task<SipEndPoint> ResolveAsync(SipUri uri, CancellationToken cancellationToken) =>
        SipResolver.ResolveAsync(uri, Account.Transport, cancellationToken);

    /// <summary>Our Contact for requests going to a destination: the address the servers see us at (RFC 3581).</summary>
    public SipUri ContactFor(SipEndPoint destination)
    {
        var local = Transport.LocalAddressFor(destination);
        var uri = new SipUri("sip", Account.UserName, FormatHost(local.Address), local.Port);
        return destination.Protocol == SipTransportProtocol.Tcp ? uri.WithParameter("transport", "tcp") : uri;
    }

    /// <summary>A request with Via (new branch, empty rport), Max-Forwards, From, To, Call-ID, CSeq, routes and User-Agent.</summary>
    public SipRequest CreateRequest(string method, SipUri requestUri, NameAddress from, NameAddress to, string callId,
        uint cseq, SipEndPoint destination, IEnumerable<string>? routes = null, string? branch = null)
    {
        var headers = new SipHeaders();
        headers.Add("Via", NewVia(destination, branch ?? Ids.NewBranch()).ToString());
        foreach (var route in routes ?? [])
        {
            headers.Add("Route", route);
        }
        headers.Add("Max-Forwards", "70");
        headers.Add("From", from.ToString());
        headers.Add("To", to.ToString());
        headers.Add("Call-ID", callId);
        headers.Add("CSeq", new CSeqHeader(cseq, method).ToString());
        headers.Add("User-Agent", Options.UserAgent);
        return new SipRequest(method, requestUri, headers);
    }

    public ViaHeader NewVia(SipEndPoint destination, string branch)
    {
        var local = Transport.SocketAddressFor(destination);
        return new ViaHeader(destination.ViaTransport, FormatHost(local.Address), local.Port,
            [new("branch", branch), new("rport", null)]);
    }

    /// <summary>
    /// RFC 3261 §18.1.1: a request over UDP that is larger than 1300 bytes goes over TCP instead; the top
    /// Via is rewritten for the connection. Also opens the TCP connection when one is needed.
    /// </summary>
    public async Task<SipEndPoint> PrepareSendAsync(SipRequest request, SipEndPoint destination, CancellationToken cancellationToken)
    {
        if (destination.Protocol == SipTransportProtocol.Udp && request.ToBytes().Length > SipTransport.MaxUdpRequestSize)
        {
            Logger.LogInformation("{Method} is larger than {Limit} bytes: sending it over TCP (RFC 3261 §18.1.1)",
                request.Method, SipTransport.MaxUdpRequestSize);
            destination = destination with { Protocol = SipTransportProtocol.Tcp };
        }
        await Transport.PrepareAsync(destination, cancellationToken).ConfigureAwait(false);
        var branch = request.TopVia.Branch ?? Ids.NewBranch();
        request.Headers.Set("Via", NewVia(destination, branch).ToString());
        if (destination.Protocol == SipTransportProtocol.Tcp && request.Headers.Get("Contact") is { } contact)
        {
            request.Headers.Set("Contact", new NameAddress(ContactFor(destination)).ToString() + ContactSuffix(contact));
        }
        return destination;
    }

    private static string ContactSuffix(string contact)
    {
        var close = contact.LastIndexOf('>');
        return close >= 0 ? contact[(close + 1)..] : string.Empty;
    }

    public ValueTask SendAsync(SipMessage message, SipEndPoint destination, CancellationToken cancellationToken) =>
        Transport.SendAsync(message, destination, cancellationToken);

    /// <summary>Sends a response back where the request came from (RFC 3581 §4: to the source address and port).</summary>
    public async Task RespondAsync(SipRequest request, SipResponse response, SipEndPoint source)
    {
        response.Headers.Add("User-Agent", Options.UserAgent);
        if (request.Method != SipMethods.Ack && response.StatusCode >= 200)
        {
            Transactions.RememberResponse(request, response);
        }
        try
        {
            await Transport.SendAsync(response, source, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A response we cannot send is the peer's retransmission problem.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logger.LogDebug("Could not send {Status} to {Source}: {Error}", response.StatusCode, source, ex.Message);
        }
    }

    private void OnMessage(SipMessage message, SipEndPoint source)
    {
        try
        {
            if (message is SipResponse response)
            {
                OnResponse(response, source);
            }
            else if (message is SipRequest request)
            {
                OnRequest(request, source);
            }
        }
        catch (FormatException ex)
        {
            Logger.LogWarning("Dropped malformed SIP message from {Source}: {Reason}", source, ex.Message);
        }
    }

    private void OnResponse(SipResponse response, SipEndPoint source)
    {
        // RFC 3581 §4: the registrar or proxy tells us our public address; Contact uses it from now on.
        if (Transport.RecordObservedAddress(source, response.TopVia))
        {
            Logger.LogInformation("{Server} sees us at {Received}:{RPort}", source, response.TopVia.Received, response.TopVia.RPort);
        }
        if (Transactions.TryDeliver(response))
        {
            return;
        }
        if (_dialogs.TryGetValue(response.CallId, out var dialog))
        {
            dialog.OnStrayResponse(response);
        }
    }

    private void OnRequest(SipRequest request, SipEndPoint source)
    {
        if (request.Method != SipMethods.Ack && Transactions.FindSentResponse(request) is { } previous)
        {
            // A retransmitted request: same answer again (§17.2.2).
            _ = Transport.SendAsync(previous, source, CancellationToken.None).AsTask();
            return;
        }
        if (_dialogs.TryGetValue(request.CallId, out var dialog) && dialog.OnRequest(request, source))
        {
            return;
        }
        switch (request.Method)
        {
            case SipMethods.Ack:
                return; // nothing to answer; a stray ACK is dropped (§17.2.3)
            case SipMethods.Options when request.To.Tag is null:
                // Out-of-dialog OPTIONS: a PBX keep-alive or capability query (§11.2).
                var ok = SipResponse.For(request, 200, "OK", Ids.NewTag());
                ok.Headers.Add("Allow", SipMethods.Allowed);
                ok.Headers.Add("Accept", "application/sdp");
                _ = RespondAsync(request, ok, source);
                return;
            case SipMethods.Invite when request.To.Tag is null:
                // This box places calls; it does not take them.
                _ = RespondAsync(request, SipResponse.For(request, 480, "Temporarily Unavailable", Ids.NewTag()), source);
                return;
            case SipMethods.Cancel:
            case SipMethods.Bye:
            case SipMethods.Update:
            case SipMethods.Info:
            case SipMethods.Invite:
            case SipMethods.Options:
                // §12.2.2: a request for a dialog we do not know.
                _ = RespondAsync(request, SipResponse.For(request, 481, "Call/Transaction Does Not Exist"), source);
                return;
            default:
                var notAllowed = SipResponse.For(request, 405, "Method Not Allowed", Ids.NewTag());
                notAllowed.Headers.Add("Allow", SipMethods.Allowed);
                _ = RespondAsync(request, notAllowed, source);
                return;
        }
    }

    public static string FormatHost(IPAddress address) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "[" + address + "]" : address.ToString();

    public static string FormatSeconds(TimeSpan span) => ((long)span.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        Transactions.Dispose();
        await Transport.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class Unregistration(Action action) : IDisposable
    {
        private Action? _action = action;

        public void Dispose() => Interlocked.Exchange(ref _action, null)?.Invoke();
    }
}
