using System.Globalization;

namespace Hardware.Sip.Simulator;

/// <summary>What a line of the <see cref="VirtualPhone"/> does with the calls it receives.</summary>
public enum LineBehaviorKind
{
    /// <summary>Rings, answers, and after a delay presses a digit (RFC 4733, or SIP INFO when no telephone-event was offered).</summary>
    AnswerAndAcknowledge,

    /// <summary>Rings, answers, listens, never presses anything.</summary>
    AnswerSilently,

    /// <summary>Rings (180) until the caller gives up with CANCEL.</summary>
    NoAnswer,

    /// <summary>Refuses with a final status: 486 (busy), 603 (decline), 404, 480, 503…</summary>
    Reject,
}

/// <summary>
/// The behaviour of one line of the <see cref="VirtualPhone"/> (a user part of the Request-URI, e.g. <c>police</c>).
/// Made with the factory methods: <see cref="AnswerAndAcknowledge"/>, <see cref="AnswerSilently"/>, <see cref="Busy"/>,
/// <see cref="Decline"/>, <see cref="NoAnswer"/>, <see cref="Reject"/>. An unreachable line is a phone that is not running.
/// </summary>
public sealed record LineBehavior
{
    /// <summary>How long an answering line rings (180 Ringing before 200 OK) unless told otherwise.</summary>
    public static readonly TimeSpan DefaultRingDuration = TimeSpan.FromSeconds(1);

    /// <summary>How long an answered call lasts at most before the line hangs up itself, unless told otherwise.</summary>
    public static readonly TimeSpan DefaultHangUpAfter = TimeSpan.FromMinutes(5);

    private LineBehavior(LineBehaviorKind kind)
    {
        Kind = kind;
    }

    /// <summary>What the line does.</summary>
    public LineBehaviorKind Kind { get; }

    /// <summary>Time between 180 Ringing and 200 OK, for the answering kinds (zero answers right after the 180).</summary>
    public TimeSpan RingDuration { get; private init; } = DefaultRingDuration;

    /// <summary>For <see cref="LineBehaviorKind.AnswerAndAcknowledge"/>: time from the answer to the key press.</summary>
    public TimeSpan AcknowledgeAfter { get; private init; }

    /// <summary>For <see cref="LineBehaviorKind.AnswerAndAcknowledge"/>: the key pressed (0-9, *, #, A-D).</summary>
    public char? Digit { get; private init; }

    /// <summary>How long a key press lasts (the RFC 4733 event's duration).</summary>
    public TimeSpan DigitDuration { get; private init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>For the answering kinds: the line sends BYE itself this long after answering, if the caller has not hung up.</summary>
    public TimeSpan HangUpAfter { get; private init; } = DefaultHangUpAfter;

    /// <summary>For <see cref="LineBehaviorKind.Reject"/>: the final status code.</summary>
    public int StatusCode { get; private init; }

    /// <summary>For <see cref="LineBehaviorKind.Reject"/>: the reason phrase.</summary>
    public string ReasonPhrase { get; private init; } = string.Empty;

    /// <summary>
    /// 180 Ringing, 200 OK with an SDP answer (PCMU or PCMA as offered, telephone-event with the offer's payload type),
    /// then <paramref name="after"/> the answer the <paramref name="digit"/> is pressed (RFC 4733 to the caller's RTP
    /// address; SIP INFO when the offer had no telephone-event). Then the line waits for the caller's BYE, or hangs up
    /// itself after <paramref name="hangUpAfter"/>.
    /// </summary>
    /// <param name="after">Delay from the answer to the key press (default 3 s: long enough to hear a short message).</param>
    /// <param name="digit">The key (default <c>'1'</c>).</param>
    /// <param name="ringFor">How long it rings before answering (default 1 s).</param>
    /// <param name="hangUpAfter">Longest answered call (default 5 min).</param>
    /// <param name="digitDuration">How long the key is held (default 100 ms).</param>
    public static LineBehavior AnswerAndAcknowledge(TimeSpan? after = null, char digit = '1', TimeSpan? ringFor = null,
        TimeSpan? hangUpAfter = null, TimeSpan? digitDuration = null)
    {
        if (EventCode(digit) is null)
        {
            throw new ArgumentOutOfRangeException(nameof(digit), digit, "A DTMF key is 0-9, *, # or A-D.");
        }
        return new LineBehavior(LineBehaviorKind.AnswerAndAcknowledge)
        {
            AcknowledgeAfter = NotNegative(after ?? TimeSpan.FromSeconds(3), nameof(after)),
            Digit = char.ToUpperInvariant(digit),
            RingDuration = NotNegative(ringFor ?? DefaultRingDuration, nameof(ringFor)),
            HangUpAfter = Positive(hangUpAfter ?? DefaultHangUpAfter, nameof(hangUpAfter)),
            DigitDuration = Positive(digitDuration ?? TimeSpan.FromMilliseconds(100), nameof(digitDuration)),
        };
    }

    /// <summary>Rings, answers like <see cref="AnswerAndAcknowledge"/>, listens, and never presses anything.</summary>
    /// <param name="ringFor">How long it rings before answering (default 1 s).</param>
    /// <param name="hangUpAfter">Longest answered call (default 5 min).</param>
    public static LineBehavior AnswerSilently(TimeSpan? ringFor = null, TimeSpan? hangUpAfter = null) =>
        new(LineBehaviorKind.AnswerSilently)
        {
            RingDuration = NotNegative(ringFor ?? DefaultRingDuration, nameof(ringFor)),
            HangUpAfter = Positive(hangUpAfter ?? DefaultHangUpAfter, nameof(hangUpAfter)),
        };

    /// <summary>180 Ringing and nothing more until the caller's CANCEL (200 to the CANCEL, 487 to the INVITE).</summary>
    public static LineBehavior NoAnswer() => new(LineBehaviorKind.NoAnswer);

    /// <summary>486 Busy Here.</summary>
    public static LineBehavior Busy() => Reject(486, "Busy Here");

    /// <summary>603 Decline.</summary>
    public static LineBehavior Decline() => Reject(603, "Decline");

    /// <summary>Any final refusal, e.g. <c>Reject(404, "Not Found")</c>, <c>Reject(480, "Temporarily Unavailable")</c>, <c>Reject(503, "Service Unavailable")</c>.</summary>
    public static LineBehavior Reject(int statusCode, string reasonPhrase)
    {
        if (statusCode is < 300 or > 699)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "A refusal is a 3xx to 6xx final response.");
        }
        ArgumentException.ThrowIfNullOrWhiteSpace(reasonPhrase);
        return new LineBehavior(LineBehaviorKind.Reject) { StatusCode = statusCode, ReasonPhrase = reasonPhrase };
    }

    /// <summary>True for the kinds that answer (200 OK).</summary>
    public bool Answers => Kind is LineBehaviorKind.AnswerAndAcknowledge or LineBehaviorKind.AnswerSilently;

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        LineBehaviorKind.AnswerAndAcknowledge => string.Create(CultureInfo.InvariantCulture,
            $"answer after {RingDuration.TotalSeconds:0.###} s and press '{Digit}' {AcknowledgeAfter.TotalSeconds:0.###} s later"),
        LineBehaviorKind.AnswerSilently => string.Create(CultureInfo.InvariantCulture, $"answer after {RingDuration.TotalSeconds:0.###} s, press nothing"),
        LineBehaviorKind.NoAnswer => "ring until cancelled",
        _ => string.Create(CultureInfo.InvariantCulture, $"refuse with {StatusCode} {ReasonPhrase}"),
    };

    /// <summary>The RFC 4733 §3.2 event code of a key, or null.</summary>
    internal static byte? EventCode(char digit) => char.ToUpperInvariant(digit) switch
    {
        >= '0' and <= '9' => (byte)(digit - '0'),
        '*' => 10,
        '#' => 11,
        >= 'A' and <= 'D' => (byte)(char.ToUpperInvariant(digit) - 'A' + 12),
        _ => null,
    };

    private static TimeSpan NotNegative(TimeSpan value, string name) =>
        value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(name, value, "Must not be negative.");

    private static TimeSpan Positive(TimeSpan value, string name) =>
        value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(name, value, "Must be positive.");
}
