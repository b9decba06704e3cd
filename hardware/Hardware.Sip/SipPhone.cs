using Hardware.Sip.Calls;
using Hardware.Sip.Messages;
using Hardware.Sip.Registration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hardware.Sip;

/// <summary>
/// The box's telephone: registers an account (optional) and places alert calls that play a message and
/// wait for an acknowledgement digit. One instance per account; calls may run concurrently.
/// </summary>
/// <example>
/// <code>
/// await using var phone = new SipPhone(account, timeProvider: TimeProvider.System, loggerFactory: loggers);
/// await phone.RegisterAsync(ct);
/// var result = await phone.CallAsync(SipUri.Parse("sip:police@pbx.example"),
///     new CallRequest { Message = PcmAudio.LoadWav("alerte.wav") }, progress, ct);
/// </code>
/// </example>
public sealed class SipPhone : IAsyncDisposable
{
    private readonly SipStack _stack;
    private readonly RegistrationClient _registration;
    private int _disposed;

    /// <summary>Creates a phone. Nothing is bound until the first registration or call (or <see cref="Start"/>).</summary>
    /// <param name="account">Identity, credentials, servers and local address.</param>
    /// <param name="options">Timers and tuning; defaults follow RFC 3261.</param>
    /// <param name="timeProvider">Clock for every SIP timer and the RTP pacing (default <see cref="TimeProvider.System"/>).</param>
    /// <param name="loggerFactory">Logging (passwords and Authorization headers are never logged).</param>
    /// <param name="random">Source for tags, branches, Call-IDs, SSRC; default is cryptographic. Pass a seeded one in tests.</param>
    public SipPhone(SipAccount account, SipPhoneOptions? options = null, TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentException.ThrowIfNullOrWhiteSpace(account.UserName);
        _stack = new SipStack(account, options ?? new SipPhoneOptions(), timeProvider ?? TimeProvider.System,
            new SipIdGenerator(random), loggerFactory ?? NullLoggerFactory.Instance);
        _registration = new RegistrationClient(_stack);
        _registration.Changed += (_, result) => RegistrationChanged?.Invoke(this, result);
    }

    /// <summary>The account this phone uses.</summary>
    public SipAccount Account => _stack.Account;

    /// <summary>The local SIP UDP end point (binds the socket if needed).</summary>
    public System.Net.IPEndPoint LocalEndPoint
    {
        get
        {
            Start();
            return _stack.Transport.UdpEndPoint;
        }
    }

    /// <summary>Current registration state.</summary>
    public RegistrationState RegistrationState => _registration.State;

    /// <summary>The last registration exchange, or null.</summary>
    public RegistrationResult? LastRegistration => _registration.Last;

    /// <summary>Raised after every REGISTER exchange, including background refreshes and retries.</summary>
    public event EventHandler<RegistrationResult>? RegistrationChanged;

    /// <summary>Binds the SIP socket now (otherwise done on first use).</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        _stack.Start();
    }

    /// <summary>
    /// Registers with <see cref="SipAccount.Registrar"/> (answering 401/407 digest challenges) and keeps the
    /// registration fresh in the background until <see cref="UnregisterAsync"/> or disposal. A failed attempt
    /// is returned (not thrown) and retried in the background.
    /// </summary>
    public Task<RegistrationResult> RegisterAsync(CancellationToken cancellationToken = default)
    {
        Start();
        return _registration.RegisterAsync(cancellationToken);
    }

    /// <summary>Stops refreshing and removes our binding (REGISTER with Expires: 0).</summary>
    public Task<RegistrationResult> UnregisterAsync(CancellationToken cancellationToken = default)
    {
        Start();
        return _registration.UnregisterAsync(cancellationToken);
    }

    /// <summary>
    /// Calls <paramref name="target"/> (directly, or through the outbound proxy), plays the message and
    /// waits for the acknowledgement digit. Never throws for call failures: they are outcomes. Cancelling
    /// the token sends CANCEL or BYE as appropriate, then throws <see cref="OperationCanceledException"/>.
    /// </summary>
    /// <param name="target">Whom to call, e.g. <c>sip:police@pbx.example</c> or <c>sip:17@10.0.0.1;transport=tcp</c>.</param>
    /// <param name="request">Message and timing.</param>
    /// <param name="progress">Receives every step as it happens (also kept in <see cref="CallResult.Timeline"/>).</param>
    /// <param name="cancellationToken">Hangs up / cancels the call.</param>
    /// <exception cref="NotSupportedException">For a <c>sips:</c> target (no TLS).</exception>
    public Task<CallResult> CallAsync(SipUri target, CallRequest request, IProgress<CallStep>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(request);
        if (target.Scheme == "sips")
        {
            throw new NotSupportedException("sips: URIs need TLS, which this user agent does not implement.");
        }
        Start();
        return new OutgoingCall(_stack, target, request, progress).RunAsync(cancellationToken);
    }

    /// <summary>Stops background registration and closes the sockets (it does not unregister).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        await _registration.DisposeAsync().ConfigureAwait(false);
        await _stack.DisposeAsync().ConfigureAwait(false);
    }
}
