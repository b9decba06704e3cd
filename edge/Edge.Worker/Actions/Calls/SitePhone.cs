using Edge.Core.Configuration.Model;
using Edge.Worker.Hosting;
using Hardware.Sip;
using Hardware.Sip.Messages;
using Hardware.Sip.Transactions;
using Hardware.Sip.Transport;

namespace Edge.Worker.Actions.Calls;

/// <summary>
/// The box's one telephone, made from the site file's <c>phone</c> section on first use: every alert's calls and the
/// registration share its SIP socket and account. Made lazily so that a password provisioned after the box started
/// is picked up by the next alert without a restart.
/// </summary>
public sealed class SitePhone(SiteFile site, SecretStore secrets, TimeProvider time, ILoggerFactory loggers) : IAsyncDisposable
{
    // Over UDP, a server that never answers is given up only after Timer B, 64·T1: 32 s with the RFC's T1 of 500 ms,
    // longer than most ring timeouts. A ring timeout below 5 s is refused by the site file validator.
    private const int MaxT1Milliseconds = 500;

    private readonly object _gate = new();
    private SipPhone? _phone;

    /// <summary>
    /// The SIP timers of the box: T1 is lowered so that Timer B fits the shortest ring timeout of the site's scenarios
    /// (T1 = ring / 64, at most 500 ms), so that a dead server fails each attempt within its ring timeout. Answers from
    /// a PBX on the LAN or a SIP trunk come in milliseconds, so a smaller T1 only makes retransmissions come sooner.
    /// </summary>
    public SipTimers Timers { get; } = TimersFor(site);

    /// <summary>How the account is named in faults and logs: user@server.</summary>
    public string AccountName => $"{site.Phone?.Username ?? "anonymous"}@{site.Phone?.Server ?? "(no server)"}";

    /// <summary>The phone, made now if needed.</summary>
    /// <exception cref="ActionFailedException">The site file has no phone section, or its password is not provisioned.</exception>
    public SipPhone Get()
    {
        lock (_gate)
        {
            return _phone ??= Create();
        }
    }

    /// <summary>Where to call a contact: its SIP URI, or a number dialled through the site's server.</summary>
    /// <exception cref="FormatException">The contact's URI is not a SIP URI.</exception>
    /// <exception cref="NotSupportedException">A sips: URI (no TLS here).</exception>
    public SipUri AddressOf(ContactConfig contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var text = contact.Uri.Contains(':', StringComparison.Ordinal)
            ? contact.Uri
            : $"sip:{EscapeNumber(contact.Uri)}@{site.Phone?.Server ?? throw new FormatException($"'{contact.Uri}' is a number but phone.server is not set.")}";
        var uri = SipUri.Parse(text);
        return uri.Scheme == "sips"
            ? throw new NotSupportedException($"{contact.Uri} needs TLS (sips:), which the box's phone does not do; write a sip: URI.")
            : uri;
    }

    public async ValueTask DisposeAsync()
    {
        SipPhone? phone;
        lock (_gate)
        {
            phone = _phone;
            _phone = null;
        }

        if (phone is not null)
        {
            await phone.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static SipTimers TimersFor(SiteFile site)
    {
        var shortestRing = site.Scenarios.Select(s => s.Call?.RingTimeoutSeconds).OfType<int>().DefaultIfEmpty(30).Min();
        var t1 = Math.Min(MaxT1Milliseconds, shortestRing * 1000 / 64);
        return new SipTimers { T1 = TimeSpan.FromMilliseconds(t1) };
    }

    // '#' is not allowed in the user part of a SIP URI (RFC 3261 §25.1): it is escaped; '*' and '+' are fine.
    private static string EscapeNumber(string number) => number.Replace("#", "%23", StringComparison.Ordinal);

    private SipPhone Create()
    {
        var config = site.Phone ?? throw new ActionFailedException("the site file has no phone section: there is no account to call from.");
        var account = new SipAccount
        {
            UserName = config.Username ?? "anonymous",
            AuthUserName = config.AuthUsername,
            Password = Password(config),
            DisplayName = config.DisplayName ?? site.Site.Name,
            Registrar = config.Server is { } server ? Registrar(server) : null,
            Transport = config.Transport == "tcp" ? SipTransportProtocol.Tcp : SipTransportProtocol.Udp,
        };
        return new SipPhone(account, new SipPhoneOptions { Timers = Timers }, time, loggers);
    }

    private static SipUri Registrar(string server)
    {
        try
        {
            return SipUri.Parse("sip:" + server);
        }
        catch (FormatException ex)
        {
            throw new ActionFailedException($"phone.server '{server}' is not a host or host:port ({ex.Message}).", ex);
        }
    }

    private string? Password(PhoneConfig config)
    {
        if (config.PasswordSecret is not { } name)
        {
            return null;
        }

        string? password;
        try
        {
            password = secrets.Find(name);
        }
        catch (ArgumentException ex)
        {
            throw new ActionFailedException($"phone: {ex.Message}", ex);
        }

        return password ?? throw new ActionFailedException(
            $"the SIP password of {AccountName} (secret '{name}') is not provisioned; looked for in {secrets.Describe(name)}.");
    }
}
