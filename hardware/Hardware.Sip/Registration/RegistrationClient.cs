using System.Globalization;
using Hardware.Sip.Auth;
using Hardware.Sip.Messages;
using Hardware.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace Hardware.Sip.Registration;

/// <summary>
/// REGISTER with digest authentication, 423 handling and background refresh before the granted
/// expiry (RFC 3261 §10.2). Keeps one Call-ID and From tag for the life of the phone (§10.2.4 says a UA
/// SHOULD use the same Call-ID for all registrations to a registrar) and increments CSeq each time.
/// </summary>
internal sealed class RegistrationClient : IAsyncDisposable
{
    private readonly SipStack _stack;
    private readonly ILogger _logger;
    private readonly string _callId;
    private readonly string _fromTag;
    private readonly DigestAuthenticator? _authenticator;
    private readonly SemaphoreSlim _exchangeLock = new(1, 1);
    private uint _cseq;
    private CancellationTokenSource? _refresh;
    private Task? _refreshLoop;
    private TimeSpan _requestedExpiry;

    public RegistrationClient(SipStack stack)
    {
        _stack = stack;
        _logger = stack.LoggerFactory.CreateLogger("Hardware.Sip.Registration");
        _callId = stack.Ids.NewCallId("panic-edge");
        _fromTag = stack.Ids.NewTag();
        _requestedExpiry = stack.Account.RegistrationExpiry;
        if (stack.Account.Password is not null)
        {
            _authenticator = new DigestAuthenticator(stack.Account.EffectiveAuthUserName, stack.Account.Password, stack.Ids);
        }
    }

    public RegistrationState State { get; private set; } = RegistrationState.Unregistered;

    public RegistrationResult? Last { get; private set; }

    /// <summary>Raised after every REGISTER exchange (first one, refreshes, retries, unregistration).</summary>
    public event EventHandler<RegistrationResult>? Changed;

    public async Task<RegistrationResult> RegisterAsync(CancellationToken cancellationToken)
    {
        var result = await ExchangeAsync(_requestedExpiry, cancellationToken).ConfigureAwait(false);
        EnsureRefreshLoop();
        return result;
    }

    public async Task<RegistrationResult> UnregisterAsync(CancellationToken cancellationToken)
    {
        await StopRefreshAsync().ConfigureAwait(false);
        return await ExchangeAsync(TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
    }

    private void EnsureRefreshLoop()
    {
        if (_refreshLoop is not null)
        {
            return;
        }
        _refresh = new CancellationTokenSource();
        _refreshLoop = Task.Run(() => RefreshLoopAsync(_refresh.Token));
    }

    private async Task RefreshLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var last = Last;
                var delay = last is { Succeeded: true, GrantedExpiry: { } granted }
                    ? TimeSpan.FromTicks((long)(granted.Ticks * _stack.Options.RegistrationRefreshRatio))
                    : _stack.Options.RegistrationRetryInterval;
                if (delay < TimeSpan.FromSeconds(1))
                {
                    delay = TimeSpan.FromSeconds(1);
                }
                _logger.LogDebug("Next REGISTER in {Delay}", delay);
                await Task.Delay(delay, _stack.Time, cancellationToken).ConfigureAwait(false);
                await ExchangeAsync(_requestedExpiry, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<RegistrationResult> ExchangeAsync(TimeSpan expiry, CancellationToken cancellationToken)
    {
        await _exchangeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var result = await ExchangeCoreAsync(expiry, cancellationToken).ConfigureAwait(false);
            Last = result;
            State = result.State;
            _logger.LogInformation("Registration {State}: {Status} {Reason} (expires {Expiry})",
                result.State, result.StatusCode, result.Reason, result.GrantedExpiry);
            Changed?.Invoke(this, result);
            return result;
        }
        finally
        {
            _exchangeLock.Release();
        }
    }

    private async Task<RegistrationResult> ExchangeCoreAsync(TimeSpan expiry, CancellationToken cancellationToken)
    {
        var account = _stack.Account;
        var registrar = account.Registrar ?? throw new InvalidOperationException("The account has no registrar.");
        State = RegistrationState.Registering;
        SipEndPoint destination;
        try
        {
            destination = await _stack.ResolveAsync(account.OutboundProxy ?? registrar, cancellationToken).ConfigureAwait(false);
        }
        catch (SipResolutionException ex)
        {
            return Fail(null, ex.Message);
        }
        var requestUri = new SipUri(registrar.Scheme, null, registrar.Host, registrar.Port,
            registrar.Transport is { } t ? [new("transport", t)] : null);
        var aor = account.AddressOfRecord(registrar.Host);
        var from = new NameAddress(aor, account.DisplayName, [new("tag", _fromTag)]);
        var to = new NameAddress(aor, account.DisplayName);
        var routes = account.OutboundProxy is { } proxy
            ? new[] { new NameAddress(proxy.IsLooseRouter ? proxy : proxy.WithParameter("lr", null)).ToString() }
            : [];
        var rounds = 0;
        var contactCorrected = false;
        while (true)
        {
            var request = _stack.CreateRequest(SipMethods.Register, requestUri, from, to, _callId, ++_cseq, destination, routes);
            var contact = _stack.ContactFor(destination);
            request.Headers.Add("Contact", new NameAddress(contact).ToString());
            request.Headers.Add("Expires", SipStack.FormatSeconds(expiry));
            request.Headers.Add("Allow", SipMethods.Allowed);
            if (_authenticator is { HasChallenges: true })
            {
                // Re-use the last challenge pre-emptively: refreshes then cost one round trip (RFC 2617 §3.3).
                _authenticator.Authorize(request);
            }
            SipResponse? response;
            try
            {
                var sentTo = await _stack.PrepareSendAsync(request, destination, cancellationToken).ConfigureAwait(false);
                contact = request.Contact?.Uri ?? contact;
                var transaction = _stack.Transactions.StartNonInvite(request, sentTo);
                response = await transaction.FinalResponse.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (System.Net.Sockets.SocketException ex)
            {
                return Fail(null, "network error: " + ex.Message);
            }
            if (response is null)
            {
                return Fail(null, "no response from registrar");
            }
            if (response.StatusCode is 401 or 407)
            {
                var decision = _authenticator?.OnChallenge(response) ?? ChallengeDecision.Unsupported;
                if (decision != ChallengeDecision.Retry || ++rounds > _stack.Options.MaxAuthenticationAttempts)
                {
                    return Fail(response.StatusCode, decision == ChallengeDecision.Unsupported
                        ? $"{response.StatusCode} {response.Reason}: cannot answer this challenge"
                        : $"{response.StatusCode} {response.Reason}: credentials rejected");
                }
                continue;
            }
            if (response.StatusCode == 423 && ++rounds <= _stack.Options.MaxAuthenticationAttempts
                && uint.TryParse(response.Headers.Get("Min-Expires"), NumberStyles.None, CultureInfo.InvariantCulture, out var min))
            {
                // §10.2.8: Interval Too Brief; ask again with at least Min-Expires.
                _requestedExpiry = expiry = TimeSpan.FromSeconds(min);
                continue;
            }
            if (!response.IsSuccess)
            {
                return Fail(response.StatusCode, $"{response.StatusCode} {response.Reason}");
            }
            _authenticator?.OnAccepted();
            if (expiry > TimeSpan.Zero && !contactCorrected && !_stack.ContactFor(destination).Equals(contact))
            {
                // RFC 3581: the registrar saw another address than our Contact (NAT): register the one it sees.
                contactCorrected = true;
                continue;
            }
            return new RegistrationResult
            {
                State = expiry == TimeSpan.Zero ? RegistrationState.Unregistered : RegistrationState.Registered,
                StatusCode = response.StatusCode,
                Reason = response.Reason,
                GrantedExpiry = expiry == TimeSpan.Zero ? TimeSpan.Zero : GrantedExpiry(response, contact, expiry),
                Contact = contact.ToString(),
                AuthenticationAlgorithm = _authenticator?.LastAlgorithm,
                At = _stack.Time.GetUtcNow(),
            };
        }
    }

    /// <summary>§10.2.4: the expires parameter of our Contact in the 200, else its Expires header, else what we asked.</summary>
    private static TimeSpan GrantedExpiry(SipResponse response, SipUri ourContact, TimeSpan requested)
    {
        foreach (var value in response.Headers.GetAll("Contact"))
        {
            NameAddress contact;
            try
            {
                contact = NameAddress.Parse(value);
            }
            catch (FormatException)
            {
                continue;
            }
            if (string.Equals(contact.Uri.Host, ourContact.Host, StringComparison.OrdinalIgnoreCase)
                && contact.Uri.EffectivePort == ourContact.EffectivePort
                && string.Equals(contact.Uri.User, ourContact.User, StringComparison.Ordinal)
                && uint.TryParse(contact.GetParameter("expires"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                return TimeSpan.FromSeconds(seconds);
            }
        }
        return uint.TryParse(response.Headers.Get("Expires"), NumberStyles.None, CultureInfo.InvariantCulture, out var header)
            ? TimeSpan.FromSeconds(header)
            : requested;
    }

    private RegistrationResult Fail(int? status, string reason) => new()
    {
        State = RegistrationState.Failed,
        StatusCode = status,
        Reason = reason,
        AuthenticationAlgorithm = _authenticator?.LastAlgorithm,
        At = _stack.Time.GetUtcNow(),
    };

    private async Task StopRefreshAsync()
    {
        if (_refresh is null)
        {
            return;
        }
        await _refresh.CancelAsync().ConfigureAwait(false);
        if (_refreshLoop is not null)
        {
            await _refreshLoop.ConfigureAwait(false);
        }
        _refresh.Dispose();
        _refresh = null;
        _refreshLoop = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopRefreshAsync().ConfigureAwait(false);
        _exchangeLock.Dispose();
    }
}
