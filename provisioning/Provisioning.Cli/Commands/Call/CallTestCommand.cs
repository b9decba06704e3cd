using System.CommandLine;
using System.Globalization;
using Edge.Core.Configuration.Model;
using Hardware.Sip;
using Hardware.Sip.Audio;
using Hardware.Sip.Calls;
using Hardware.Sip.Messages;
using Hardware.Sip.Registration;
using Hardware.Sip.Transactions;
using Hardware.Sip.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Provisioning.Cli.Commands.Secret;
using Provisioning.Cli.Commands.Site;
using Provisioning.Cli.Output;
using Provisioning.Cli.Parsing;
using Spectre.Console;

namespace Provisioning.Cli.Commands.Call;

/// <summary>
/// <c>call test</c>: one call with the site file's SIP account, as the box places them (same account, timers, digit
/// and message handling), each step shown as it happens, and the outcome as the exit code: 0 answered, 1 otherwise.
/// </summary>
internal sealed partial class CallTestCommand : Command
{
    // As the box: over UDP a server that never answers is given up after Timer B = 64·T1; T1 is lowered so that this
    // fits the ring timeout (Edge.Worker's SitePhone.TimersFor does the same from the site file's ring timeouts).
    private const int MaxT1Milliseconds = 500;

    private readonly CliContext _context;

    private readonly Argument<string> _target = new("target")
    {
        Description = "Whom to call: a SIP URI (sip:17@pbx.mairie.example), a number or extension dialled through phone.server (17 → sip:17@server), or a contact id of the site file.",
    };

    private readonly Option<string> _site = new("--site") { Description = "The site file: its phone section is the account the call is placed with.", HelpName = "file", Required = true };

    private readonly Option<string?> _secretsDirectory = new("--secrets-dir")
    {
        Description = $"Where the SIP password's secret (phone.passwordSecret) is read from, as the box reads it; {SecretFolder.DefaultDirectory} by default. EDGE_SECRET_<NAME> in the environment takes precedence.",
        HelpName = "dir",
    };

    private readonly Option<bool> _passwordStdin = new("--password-stdin") { Description = "Read the SIP password from the first line of standard input instead of the box's secrets." };

    private readonly Option<string?> _message = new("--message") { Description = "The WAV to play (8 kHz mono 16-bit, e.g. made by 'provision message'); a short built-in tone by default.", HelpName = "file.wav" };

    private readonly Option<TimeSpan> _ringTimeout = OptionParsers.Duration("--ring-timeout", TimeSpan.FromSeconds(30), "How long to let it ring before giving up (CANCEL), e.g. 30s.");

    private readonly Option<TimeSpan> _maxDuration = OptionParsers.Duration("--max-duration", TimeSpan.FromSeconds(60), "How long an answered call may last without the acknowledgement digit, e.g. 60s.");

    private readonly Option<string> _ackDigit = new("--ack-digit")
    {
        Description = "The digit that acknowledges (0-9, *, #, A-D), or 'none' to play the message once and hang up.",
        HelpName = "digit",
        DefaultValueFactory = _ => "1",
        Validators =
        {
            result =>
            {
                var text = result.GetValueOrDefault<string>();
                if (ParseDigit(text, out _) is false)
                {
                    result.AddError($"--ack-digit must be one of 0-9, *, #, A-D, or none; not '{text}'.");
                }
            },
        },
    };

    public CallTestCommand(CliContext context)
        : base("test", "Place a test call with the site file's SIP account: play a message, wait for the digit, show each step (exit 0 answered, 1 otherwise).")
    {
        _context = context;
        Arguments.Add(_target);
        foreach (var option in new Option[] { _site, _secretsDirectory, _passwordStdin, _message, _ringTimeout, _maxDuration, _ackDigit })
        {
            Options.Add(option);
        }

        SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        if (parse.GetValue(_passwordStdin) && parse.GetValue(_secretsDirectory) is not null)
        {
            throw new UsageException("--password-stdin and --secrets-dir are both given; keep one.");
        }

        var sitePath = parse.GetValue(_site)!;
        var site = SiteFiles.Load(sitePath).Site;
        var phone = site.Phone ?? throw new CheckFailedException($"{sitePath} has no phone section: the box has no account to call from.")
        {
            Hint = "Add a phone section (server, username, passwordSecret, transport) to the site file.",
        };
        var target = Target(parse.GetValue(_target)!, site, phone);
        _ = ParseDigit(parse.GetValue(_ackDigit), out var digit);
        var ringTimeout = parse.GetValue(_ringTimeout);
        var message = LoadMessage(parse.GetValue(_message));
        var password = await PasswordAsync(parse, phone, cancellationToken).ConfigureAwait(false);
        var account = new SipAccount
        {
            UserName = phone.Username ?? "anonymous",
            AuthUserName = phone.AuthUsername,
            Password = password,
            DisplayName = phone.DisplayName ?? site.Site.Name,
            Registrar = phone.Server is { } server ? Registrar(server) : null,
            Transport = phone.Transport == "tcp" ? SipTransportProtocol.Tcp : SipTransportProtocol.Udp,
        };
        var t1 = Math.Clamp((int)(ringTimeout.TotalMilliseconds / 64), 1, MaxT1Milliseconds);
        var options = new SipPhoneOptions { Timers = new SipTimers { T1 = TimeSpan.FromMilliseconds(t1) } };

        Describe(phone, account, target, message, digit, ringTimeout);
        var sip = new SipPhone(account, options, _context.Time, NullLoggerFactory.Instance);
        await using (sip.ConfigureAwait(false))
        {
            var registered = true;
            if (phone.Register)
            {
                registered = await RegisterAsync(sip, phone, cancellationToken).ConfigureAwait(false);
            }

            var request = new CallRequest
            {
                Message = message.Audio,
                AcknowledgementDigit = digit,
                RingTimeout = ringTimeout,
                MaxCallDuration = parse.GetValue(_maxDuration),
                RepeatMessage = true,
                PauseBetweenRepetitions = TimeSpan.FromSeconds(1),
            };
            var steps = new StepPrinter(_context.Out);
            CallResult result;
            try
            {
                result = await sip.CallAsync(target, request, steps, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                if (phone.Register && registered)
                {
                    await UnregisterAsync(sip).ConfigureAwait(false);
                }
            }

            var answered = CallOutcomes.Report(result, account, phone, request, _context);
            if (!registered)
            {
                _context.Error.WriteError("the registration failed (see above): the box would show a 'sip' fault, though its calls still go out.");
            }

            return answered && registered ? ExitCodes.Success : ExitCodes.Failed;
        }
    }

    private void Describe(PhoneConfig phone, SipAccount account, SipUri target, (PcmAudio Audio, string Description) message, char? digit, TimeSpan ringTimeout)
    {
        var facts = ConsoleWriting.CreateFacts()
            .AddFact("calling", target.ToString())
            .AddFact("from", $"{account.UserName}@{phone.Server ?? "(no server: direct call)"} over {phone.Transport}" + (account.AuthUserName is { } auth ? $", auth user {auth}" : string.Empty))
            .AddFact("password", phone.PasswordSecret is null ? "none (phone.passwordSecret is not set)" : account.Password is null ? "none" : "given (not shown)")
            .AddFact("message", message.Description)
            .AddFact("acknowledge", digit is { } d ? $"press {d}" : "not asked: the message plays once")
            .AddFact("ring timeout", $"{ringTimeout.TotalSeconds:0.#} s");
        _context.Out.Write(facts);
    }

    private async Task<bool> RegisterAsync(SipPhone sip, PhoneConfig phone, CancellationToken cancellationToken)
    {
        _context.Out.WriteNote($"Registering with {phone.Server} (phone.register is true)…");
        var result = await sip.RegisterAsync(cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            _context.Out.WriteSuccess($"registered as {phone.Username}@{phone.Server}" + (result.GrantedExpiry is { } expiry ? $" for {expiry.TotalSeconds:0} s" : string.Empty) + (result.AuthenticationAlgorithm is { } algorithm ? $" (digest {algorithm})" : string.Empty) + ".");
            return true;
        }

        _context.Error.WriteError(
            $"registration with {phone.Server} failed: " + (result.StatusCode is { } code ? $"{code} {result.Reason}" : result.Reason),
            result.StatusCode is 401 or 403 or 407
                ? "Check phone.username, phone.authUsername and the password secret; the PBX's account page shows the expected ones."
                : "Check phone.server (host:port) and phone.transport, and that the PBX is reachable from the box. The call is tried all the same.");
        return false;
    }

    private async Task UnregisterAsync(SipPhone sip)
    {
        // Leave the registrar as it was, even after Ctrl+C; bounded, since the server may be the problem.
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5), _context.Time);
        try
        {
            var result = await sip.UnregisterAsync(limit.Token).ConfigureAwait(false);
            if (result.State != RegistrationState.Unregistered)
            {
                _context.Error.WriteWarning($"could not remove this test's registration ({result.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? result.Reason}); it expires by itself.");
            }
        }
        catch (OperationCanceledException)
        {
            _context.Error.WriteWarning("the registrar did not answer the unregistration; this test's registration expires by itself.");
        }
    }

    private (PcmAudio Audio, string Description) LoadMessage(string? path)
    {
        if (path is null)
        {
            var tone = TestTone.Create();
            return (tone, $"three beeps, {tone.Duration.TotalSeconds:0.0} s (built in; --message FILE.wav plays the real message)");
        }

        try
        {
            var audio = PcmAudio.LoadWav(path);
            return (audio, $"{path}, {audio.Duration.TotalSeconds:0.0} s");
        }
        catch (WavFormatException exception)
        {
            throw new CheckFailedException($"{path}: {exception.Message}", exception)
            {
                Hint = "The box plays 8 kHz mono 16-bit PCM WAV files; 'provision message --text \"…\" --out FILE.wav' makes one.",
            };
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CheckFailedException($"Cannot read the message {path}: {exception.Message}", exception);
        }
    }

    private async Task<string?> PasswordAsync(ParseResult parse, PhoneConfig phone, CancellationToken cancellationToken)
    {
        if (parse.GetValue(_passwordStdin))
        {
            return (await _context.Input.ReadLineAsync(cancellationToken).ConfigureAwait(false))?.TrimEnd('\r')
                ?? throw new UsageException("--password-stdin: standard input is empty.");
        }

        if (phone.PasswordSecret is not { } name)
        {
            return null;
        }

        if (!SecretFolder.IsValidName(name))
        {
            throw new CheckFailedException($"phone.passwordSecret '{name}' is not a valid secret name ({SecretFolder.NameRule}).");
        }

        var variable = SecretFolder.EnvironmentVariableFor(name);
        if (_context.GetEnvironmentVariable(variable) is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        var directory = parse.GetValue(_secretsDirectory) ?? SecretFolder.DefaultDirectory;
        return SecretFolder.Read(directory, name) ?? throw new CheckFailedException(
            $"the SIP password (secret '{name}') is not stored: looked for the environment variable {variable} and the file {Path.Combine(directory, name)}.")
        {
            Hint = $"Store it on the box: printf '%s\\n' \"$PASS\" | sudo provision secret set {name} --value-stdin — or give it to this test with --password-stdin.",
        };
    }

    /// <summary>A SIP URI, a contact id of the site file, or a number dialled through the site's server.</summary>
    private static SipUri Target(string text, SiteFile site, PhoneConfig phone)
    {
        if (phone.Contact(text) is { } contact)
        {
            text = contact.Uri;
        }

        string uriText;
        if (text.Contains(':', StringComparison.Ordinal))
        {
            uriText = text;
        }
        else if (DialPattern().IsMatch(text))
        {
            var server = phone.Server ?? throw new UsageException($"'{text}' is a number, but the site file's phone.server is not set to dial it through.")
            {
                Hint = "Give a full SIP URI instead, e.g. sip:17@192.0.2.10.",
            };

            // '#' is not allowed in a SIP user part (RFC 3261 §25.1): escaped, as the box does.
            uriText = $"sip:{text.Replace("#", "%23", StringComparison.Ordinal)}@{server}";
        }
        else
        {
            throw new UsageException($"'{text}' is neither a SIP URI, a number, nor a contact of {site.FilePath}.")
            {
                Hint = "E.g. sip:17@pbx.mairie.example, 17, or one of: " + (phone.Contacts.Count == 0 ? "(no contact)" : string.Join(", ", phone.Contacts.Select(c => c.Id))) + ".",
            };
        }

        if (!SipUri.TryParse(uriText, out var uri))
        {
            throw new UsageException($"'{uriText}' is not a SIP URI.") { Hint = "E.g. sip:17@pbx.mairie.example or sip:police@192.0.2.10:5060." };
        }

        return uri.Scheme == "sips"
            ? throw new UsageException($"{uriText} needs TLS (sips:), which the box's phone does not do.") { Hint = "Write a sip: URI." }
            : uri;
    }

    private static SipUri Registrar(string server) =>
        SipUri.TryParse("sip:" + server, out var uri)
            ? uri
            : throw new CheckFailedException($"phone.server '{server}' is not a host or host:port.");

    private static bool ParseDigit(string? text, out char? digit)
    {
        digit = null;
        if (string.Equals(text, "none", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (text is { Length: 1 } && "0123456789*#ABCDabcd".Contains(text[0], StringComparison.Ordinal))
        {
            digit = char.ToUpperInvariant(text[0]);
            return true;
        }

        return false;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z0-9*#+._-]+$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex DialPattern();

    /// <summary>
    /// Prints each step the moment it happens, in order (the SIP library reports from its own threads;
    /// <see cref="Progress{T}"/> would post them to the thread pool, out of order).
    /// </summary>
    private sealed class StepPrinter(IAnsiConsole console) : IProgress<CallStep>
    {
        private readonly object _gate = new();
        private DateTimeOffset? _first;

        public void Report(CallStep value)
        {
            lock (_gate)
            {
                _first ??= value.At;
                var at = ("+" + (value.At - _first.Value).TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)).PadLeft(8);
                console.MarkupLine($"  [grey]{at} s[/]  {CallOutcomes.StepMarkup(value.Kind)}  [grey]{Markup.Escape(value.Detail)}[/]");
            }
        }
    }
}
