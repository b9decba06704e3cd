using System.Globalization;
using System.Net;
using Hardware.Sip.Messages;
using Hardware.Sip.Transactions;
using Hardware.Sip.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hardware.Sip.Simulator;

/// <summary>
/// A simulated PBX with its phones, for demos, training and tests: a SIP user agent server over UDP (127.0.0.1 and a
/// free port by default) whose lines, chosen by the user part of the Request-URI, answer and press "1", answer and say
/// nothing, ring forever, are busy or decline. It speaks RFC 3261 as a UAS (100 Trying, To tag, Contact, 200 OK
/// retransmitted until the ACK, idempotent answers to retransmitted INVITEs, CANCEL → 487, 481 for unknown dialogs,
/// OPTIONS, REGISTER accepted), can require digest authentication, and exchanges G.711 RTP and RFC 4733 digits with
/// the caller. Every call is recorded (<see cref="Calls"/>). "Unreachable" is simply a phone not started, or disposed.
/// </summary>
/// <example>
/// <code>
/// await using var phone = await VirtualPhone.StartAsync(new VirtualPhoneOptions
/// {
///     Port = 5062,
///     Lines = new Dictionary&lt;string, LineBehavior&gt;
///     {
///         ["police"] = LineBehavior.AnswerAndAcknowledge(after: TimeSpan.FromSeconds(3), digit: '1'),
///         ["astreinte"] = LineBehavior.NoAnswer(),
///     },
/// });
/// VirtualCall call = await phone.WaitForCallAsync("police", ct);   // sip:police@127.0.0.1:5062
/// await call.WaitForEndAsync(ct);
/// Console.WriteLine(call);   // police &lt;- sip:panic1@127.0.0.1: answered, pressed '1', 152 RTP packets received, ended: CallerHungUp
/// </code>
/// </example>
public sealed partial class VirtualPhone : IAsyncDisposable
{
    /// <summary>The methods the phone answers.</summary>
    internal const string Allowed = "INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, UPDATE, REGISTER";

    private readonly object _sync = new();
    private readonly VirtualPhoneOptions _options;
    private readonly Dictionary<string, LineBehavior> _lines;
    private readonly SipTransport _transport;
    private readonly SipTransactionLayer _transactions;
    private readonly SipIdGenerator _ids;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly DigestVerifier? _digest;
    private readonly Audio.PcmAudio _audio;
    private readonly List<VirtualCall> _calls = [];
    private readonly Dictionary<string, VirtualCall> _callsByKey = new(StringComparer.Ordinal);
    private readonly List<VirtualRegistration> _registrations = [];
    private readonly List<Waiter> _waiters = [];
    private readonly List<Action> _afterLock = [];
    private readonly List<Task> _background = [];
    private int _lockDepth;
    private bool _disposed;
    private int _optionsAnswered;
    private int _unknownDialogRequests;
    private int _authenticationFailures;

    private VirtualPhone(VirtualPhoneOptions options)
    {
        _options = options;
        _time = options.TimeProvider;
        _ids = new SipIdGenerator(options.Random);
        _loggers = options.LoggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggers.CreateLogger("Hardware.Sip.Simulator.VirtualPhone");
        _lines = new Dictionary<string, LineBehavior>(options.Lines, StringComparer.OrdinalIgnoreCase);
        _audio = options.Audio ?? new Audio.PcmAudio(new short[Audio.MessagePlayback.FrameSamples]);
        if (options.RequireAuthentication is { } credentials)
        {
            _digest = new DigestVerifier(credentials, _ids);
        }
        _transport = new SipTransport(new IPEndPoint(options.BindAddress, options.Port), _loggers.CreateLogger("Hardware.Sip.Simulator.Transport"));
        _transport.MessageReceived = OnMessage;
        _transactions = new SipTransactionLayer(_transport.SendAsync, _time, options.Timers, _loggers.CreateLogger("Hardware.Sip.Simulator.Transactions"));
    }

    /// <summary>Where the phone listens for SIP (UDP).</summary>
    public IPEndPoint EndPoint => _transport.UdpEndPoint;

    /// <summary>The SIP UDP port.</summary>
    public int Port => EndPoint.Port;

    /// <summary>The options it runs with.</summary>
    public VirtualPhoneOptions Options => _options;

    /// <summary>Every call received, in order of arrival (a snapshot; each call updates live).</summary>
    public IReadOnlyList<VirtualCall> Calls => Locked(() => _calls.ToArray());

    /// <summary>Every REGISTER accepted, in order.</summary>
    public IReadOnlyList<VirtualRegistration> Registrations => Locked(() => _registrations.ToArray());

    /// <summary>OPTIONS requests answered (keep-alives, probes).</summary>
    public int OptionsAnswered => Locked(() => _optionsAnswered);

    /// <summary>Requests for dialogs or transactions the phone does not know, answered 481.</summary>
    public int UnknownDialogRequests => Locked(() => _unknownDialogRequests);

    /// <summary>Requests (INVITE or REGISTER) whose credentials were refused.</summary>
    public int AuthenticationFailures => Locked(() => _authenticationFailures);

    /// <summary>Raised when a new call arrives (outside the phone's lock, on a network or timer thread).</summary>
    public event EventHandler<VirtualCall>? CallReceived;

    /// <summary>Raised when a call is over (outside the phone's lock, on a network or timer thread).</summary>
    public event EventHandler<VirtualCall>? CallEnded;

    /// <summary>Starts a virtual phone; dispose it to stop it.</summary>
    /// <exception cref="System.Net.Sockets.SocketException">The port is taken.</exception>
    public static Task<VirtualPhone> StartAsync(VirtualPhoneOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var phone = new VirtualPhone(options ?? new VirtualPhoneOptions());
        phone._transport.Start();
        phone._logger.LogInformation("Virtual phone listening on udp:{EndPoint}; lines: {Lines}; unknown users: {Unknown}; authentication: {Auth}",
            phone.EndPoint, phone.DescribeLines(), phone._options.UnknownUser, phone._options.RequireAuthentication?.ToString() ?? "none");
        return Task.FromResult(phone);
    }

    /// <summary>The URI that reaches a line, e.g. <c>sip:police@127.0.0.1:5062</c>.</summary>
    public SipUri UriFor(string user)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        var address = EndPoint.Address;
        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            address = IPAddress.Loopback;
        }
        return new SipUri("sip", user, FormatHost(address), Port);
    }

    /// <summary>The first call to <paramref name="user"/> (any user when null), already received or still to come.</summary>
    public Task<VirtualCall> WaitForCallAsync(string? user = null, CancellationToken cancellationToken = default) =>
        WaitAsync(user, ended: false, cancellationToken);

    /// <summary>The first call to <paramref name="user"/> (any user when null) that is over, already or later.</summary>
    public Task<VirtualCall> WaitForCallEndedAsync(string? user = null, CancellationToken cancellationToken = default) =>
        WaitAsync(user, ended: true, cancellationToken);

    /// <summary>Stops the phone: answered calls get a BYE, ringing ones a 480, then the sockets close.</summary>
    public async ValueTask DisposeAsync()
    {
        var stop = false;
        Locked(() =>
        {
            if (_disposed)
            {
                return;
            }
            _disposed = stop = true;
            foreach (var call in _calls.Where(c => !c.IsEnded))
            {
                EndOnShutdown(call);
            }
            foreach (var waiter in _waiters)
            {
                var signal = waiter.Signal;
                _afterLock.Add(() => signal.TrySetException(new ObjectDisposedException(nameof(VirtualPhone), "The virtual phone was stopped.")));
            }
            _waiters.Clear();
        });
        if (!stop)
        {
            return;
        }
        Task[] background;
        lock (_sync)
        {
            background = [.. _background];
        }
        await Task.WhenAll(background).ConfigureAwait(false);
        _transactions.Dispose();
        await _transport.DisposeAsync().ConfigureAwait(false);
        _logger.LogInformation("Virtual phone on port {Port} stopped after {Calls} call(s)", _transport.UdpEndPoint.Port, Calls.Count);
    }

    // ------------------------------------------------------------------ dispatch

    private void OnMessage(SipMessage message, SipEndPoint source)
    {
        try
        {
            if (message is SipResponse response)
            {
                // Answers to our BYE / INFO.
                _transactions.TryDeliver(response);
                return;
            }
            var request = (SipRequest)message;
            _ = request.CallId;
            _ = request.CSeq;
            _ = request.TopVia;
            _ = request.From;
            _ = request.To;
            Locked(() => OnRequest(request, source));
        }
        catch (FormatException ex)
        {
            _logger.LogWarning("Virtual phone dropped a malformed message from {Source}: {Reason}", source, ex.Message);
        }
    }

    private void OnRequest(SipRequest request, SipEndPoint source)
    {
        if (_disposed)
        {
            return;
        }
        if (request.Method is not (SipMethods.Ack or SipMethods.Invite) && _transactions.FindSentResponse(request) is { } previous)
        {
            // A retransmitted non-INVITE request: the same answer again (§17.2.2).
            Send(previous, source);
            return;
        }
        switch (request.Method)
        {
            case SipMethods.Invite when request.To.Tag is null:
                OnInvite(request, source);
                break;
            case SipMethods.Ack:
                OnAck(request);
                break;
            case SipMethods.Cancel:
                OnCancel(request, source);
                break;
            case SipMethods.Options when request.To.Tag is null:
                _optionsAnswered++;
                var ok = CreateResponse(request, 200, "OK", _ids.NewTag(), source);
                ok.Headers.Add("Allow", Allowed);
                ok.Headers.Add("Accept", "application/sdp");
                Reply(request, ok, source);
                break;
            case SipMethods.Register:
                OnRegister(request, source);
                break;
            case SipMethods.Invite:
            case SipMethods.Bye:
            case SipMethods.Options:
            case SipMethods.Info:
            case SipMethods.Update:
                OnInDialogRequest(request, source);
                break;
            default:
                var notAllowed = CreateResponse(request, 405, "Method Not Allowed", _ids.NewTag(), source);
                notAllowed.Headers.Add("Allow", Allowed);
                Reply(request, notAllowed, source);
                break;
        }
    }

    private void OnRegister(SipRequest request, SipEndPoint source)
    {
        if (_digest is not null)
        {
            var (check, reason) = _digest.Verify(request);
            if (check != DigestCheck.Valid)
            {
                if (check == DigestCheck.Invalid)
                {
                    _authenticationFailures++;
                    _logger.LogInformation("Virtual phone refused the REGISTER of {User}: {Reason}", request.To.Uri.User, reason);
                }
                var challenge = CreateResponse(request, 401, "Unauthorized", _ids.NewTag(), source);
                challenge.Headers.Add("WWW-Authenticate", _digest.CreateChallenge());
                Reply(request, challenge, source);
                return;
            }
        }
        var contact = request.Contact;
        var requested = contact?.GetParameter("expires") ?? request.Headers.Get("Expires");
        var expires = int.TryParse(requested, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : 3600;
        var ok = CreateResponse(request, 200, "OK", _ids.NewTag(), source);
        if (contact is not null)
        {
            ok.Headers.Add("Contact", new NameAddress(contact.Uri).ToString() + ";expires=" + expires.ToString(CultureInfo.InvariantCulture));
        }
        ok.Headers.Add("Expires", expires.ToString(CultureInfo.InvariantCulture));
        Reply(request, ok, source);
        var registration = new VirtualRegistration(request.To.Uri.User ?? string.Empty, contact?.Uri.ToString(), TimeSpan.FromSeconds(expires), _time.GetUtcNow());
        _registrations.Add(registration);
        _logger.LogInformation("Virtual phone registered {User} at {Contact} for {Expires} s", registration.User, registration.Contact, expires);
    }

    // ------------------------------------------------------------------ messages

    /// <summary>
    /// A response to a request (§8.2.6): Via, From, Call-ID, CSeq copied, To with our tag; the top Via gets the source's
    /// <c>received</c> address and <c>rport</c> (RFC 3581 §4) so the caller learns where we see it.
    /// </summary>
    private SipResponse CreateResponse(SipRequest request, int statusCode, string reason, string? toTag, SipEndPoint source)
    {
        var response = SipResponse.For(request, statusCode, reason, toTag);
        var vias = request.Headers.GetAll("Via");
        var top = ViaHeader.Parse(vias[0]);
        var parameters = top.Parameters
            .Where(p => !p.Key.Equals("received", StringComparison.OrdinalIgnoreCase))
            .Select(p => p.Key.Equals("rport", StringComparison.OrdinalIgnoreCase)
                ? new KeyValuePair<string, string?>(p.Key, source.Address.Port.ToString(CultureInfo.InvariantCulture))
                : p)
            .Append(new KeyValuePair<string, string?>("received", source.Address.Address.ToString()));
        response.Headers.Set("Via", new ViaHeader(top.Transport, top.Host, top.Port, parameters).ToString());
        foreach (var via in vias.Skip(1))
        {
            response.Headers.Add("Via", via);
        }
        response.Headers.Add("Server", _options.UserAgent);
        return response;
    }

    /// <summary>Answers a non-INVITE request and remembers the answer for its retransmissions (Timer J).</summary>
    private void Reply(SipRequest request, SipResponse response, SipEndPoint source)
    {
        if (response.StatusCode >= 200)
        {
            _transactions.RememberResponse(request, response);
        }
        Send(response, source);
    }

    private void Send(SipMessage message, SipEndPoint destination)
    {
        _ = SendAsync(message, destination);
    }

    private async Task SendAsync(SipMessage message, SipEndPoint destination)
    {
        try
        {
            await _transport.SendAsync(message, destination, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A message that cannot be sent is the peer's retransmission problem, as on a real network.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.LogDebug("Virtual phone could not send to {Destination}: {Error}", destination, ex.Message);
        }
    }

    private string DescribeLines() => _lines.Count == 0
        ? "(none)"
        : string.Join("; ", _lines.Select(l => $"{l.Key}: {l.Value}"));

    private static string FormatHost(IPAddress address) => SipStack.FormatHost(address);

    // ------------------------------------------------------------------ lock, waiters, events

    /// <summary>Runs under the phone's lock; events and task completions queued meanwhile run after it is released.</summary>
    private void Locked(Action action)
    {
        List<Action>? after = null;
        lock (_sync)
        {
            _lockDepth++;
            try
            {
                action();
            }
            finally
            {
                _lockDepth--;
                if (_lockDepth == 0 && _afterLock.Count > 0)
                {
                    after = [.. _afterLock];
                    _afterLock.Clear();
                }
            }
        }
        if (after is not null)
        {
            foreach (var run in after)
            {
                try
                {
                    run();
                }
#pragma warning disable CA1031 // A failing CallReceived/CallEnded handler must not kill the network or timer thread.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    _logger.LogError(ex, "A virtual phone event handler failed");
                }
            }
        }
    }

    private T Locked<T>(Func<T> read)
    {
        lock (_sync)
        {
            return read();
        }
    }

    private Task<VirtualCall> WaitAsync(string? user, bool ended, CancellationToken cancellationToken)
    {
        bool Match(VirtualCall call) => (user is null || string.Equals(call.User, user, StringComparison.OrdinalIgnoreCase)) && (!ended || call.IsEnded);
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_calls.FirstOrDefault(Match) is { } existing)
            {
                return Task.FromResult(existing);
            }
            var waiter = new Waiter(Match, new TaskCompletionSource<VirtualCall>(TaskCreationOptions.RunContinuationsAsynchronously));
            _waiters.Add(waiter);
            return waiter.Signal.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Completes the waiters a call now satisfies (after the lock is released).</summary>
    private void CheckWaiters(VirtualCall call)
    {
        for (var i = _waiters.Count - 1; i >= 0; i--)
        {
            var waiter = _waiters[i];
            if (waiter.Match(call))
            {
                _waiters.RemoveAt(i);
                _afterLock.Add(() => waiter.Signal.TrySetResult(call));
            }
        }
    }

    private void RaiseCallReceived(VirtualCall call) => _afterLock.Add(() => CallReceived?.Invoke(this, call));

    private void RaiseCallEnded(VirtualCall call) => _afterLock.Add(() =>
    {
        call.SignalEnded();
        CallEnded?.Invoke(this, call);
    });

    private sealed record Waiter(Func<VirtualCall, bool> Match, TaskCompletionSource<VirtualCall> Signal);
}
