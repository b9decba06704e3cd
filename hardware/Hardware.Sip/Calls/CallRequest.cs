using Hardware.Sip.Audio;

namespace Hardware.Sip.Calls;

/// <summary>What to do on a call: the message to play and how long to try.</summary>
public sealed record CallRequest
{
    /// <summary>The spoken message (8 kHz mono), e.g. <c>PcmAudio.LoadWav("alerte-accueil.wav")</c>.</summary>
    public required PcmAudio Message { get; init; }

    /// <summary>The digit that acknowledges the alert (default <c>'1'</c>); null to just play the message once and hang up.</summary>
    public char? AcknowledgementDigit { get; init; } = '1';

    /// <summary>How long to let it ring before sending CANCEL.</summary>
    public TimeSpan RingTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest time the answered call lasts without acknowledgement.</summary>
    public TimeSpan MaxCallDuration { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Repeat the message until acknowledged (otherwise it plays once, then silence).</summary>
    public bool RepeatMessage { get; init; } = true;

    /// <summary>Silence sent between two repetitions.</summary>
    public TimeSpan PauseBetweenRepetitions { get; init; } = TimeSpan.FromSeconds(1);
}
