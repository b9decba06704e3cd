using System.Net;
using Hardware.Sip.Audio;
using Hardware.Sip.Transactions;
using Microsoft.Extensions.Logging;

namespace Hardware.Sip.Simulator;

/// <summary>How the <see cref="VirtualPhone"/> behaves. The defaults give a phone on 127.0.0.1, a free port, no lines (every user 404).</summary>
public sealed record VirtualPhoneOptions
{
    /// <summary>The address SIP and RTP listen on. Default 127.0.0.1; <see cref="IPAddress.Any"/> serves other machines.</summary>
    public IPAddress BindAddress { get; init; } = IPAddress.Loopback;

    /// <summary>The SIP UDP port; 0 (default) takes a free one (see <see cref="VirtualPhone.Port"/>).</summary>
    public int Port { get; init; }

    /// <summary>
    /// The lines, by user part of the Request-URI (case-insensitive), e.g.
    /// <c>["police"] = LineBehavior.AnswerAndAcknowledge(after: TimeSpan.FromSeconds(3))</c>.
    /// </summary>
    public IReadOnlyDictionary<string, LineBehavior> Lines { get; init; } = new Dictionary<string, LineBehavior>();

    /// <summary>What a call to a user that has no line gets. Default 404 Not Found.</summary>
    public LineBehavior UnknownUser { get; init; } = LineBehavior.Reject(404, "Not Found");

    /// <summary>
    /// When set, INVITE and REGISTER are challenged (401, digest MD5, qop=auth) and only these credentials get
    /// through; wrong ones get a fresh 401, which a caller reads as a refused password. Default null: no challenge.
    /// </summary>
    public VirtualPhoneCredentials? RequireAuthentication { get; init; }

    /// <summary>What the phone says into an answered call, looped (8 kHz mono). Default null: silence (20 ms PCMU/PCMA packets all the same).</summary>
    public PcmAudio? Audio { get; init; }

    /// <summary>RFC 3261 timers: T1 paces the 200 OK retransmissions until ACK, 64·T1 gives them up.</summary>
    public SipTimers Timers { get; init; } = new();

    /// <summary>User-Agent / Server header value.</summary>
    public string UserAgent { get; init; } = "VirtualPhone/1.0";

    /// <summary>The clock of every delay, timer and the RTP pacing. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Source of tags, nonces and SSRCs; default cryptographic. Pass a seeded one for reproducible runs.</summary>
    public Random? Random { get; init; }

    /// <summary>Logging of every call step (Information) and every SIP message (Trace, credentials redacted).</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>A tone to put in <see cref="Audio"/>: one second of a sine at <paramref name="frequency"/> Hz (default 440).</summary>
    public static PcmAudio Tone(int frequency = 440, short amplitude = 6000)
    {
        var samples = new short[PcmAudio.SampleRate];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)(amplitude * Math.Sin(2 * Math.PI * frequency * i / PcmAudio.SampleRate));
        }
        return new PcmAudio(samples);
    }
}

/// <summary>The only account the <see cref="VirtualPhone"/> accepts when it requires authentication.</summary>
/// <param name="UserName">The digest user name, e.g. <c>panic1</c>.</param>
/// <param name="Password">Its password.</param>
public sealed record VirtualPhoneCredentials(string UserName, string Password)
{
    /// <summary>The realm put in challenges. Default <c>virtual-phone</c>.</summary>
    public string Realm { get; init; } = "virtual-phone";

    /// <inheritdoc />
    public override string ToString() => $"{UserName}@{Realm} (password redacted)";
}
