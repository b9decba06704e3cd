namespace Hardware.Sip.Audio;

/// <summary>
/// Cuts a message into 20 ms frames: the message, then a pause of silence, again and again when
/// repetition is on, and silence forever after the last play (RTP keeps flowing while we wait for the
/// acknowledgement, protocols.md §1.7).
/// </summary>
internal sealed class MessagePlayback
{
    /// <summary>Samples in one 20 ms frame at 8 kHz (RFC 3551 §4.5: default packetisation).</summary>
    public const int FrameSamples = 160;

    private readonly PcmAudio _message;
    private readonly int _pauseSamples;
    private readonly bool _repeat;
    private long _position;
    private int _completedPlays;

    /// <summary>Creates a playback of <paramref name="message"/>.</summary>
    public MessagePlayback(PcmAudio message, bool repeat, TimeSpan pauseBetweenRepetitions)
    {
        _message = message;
        _repeat = repeat;
        _pauseSamples = (int)Math.Max(0, pauseBetweenRepetitions.TotalSeconds * PcmAudio.SampleRate);
    }

    /// <summary>Raised (on the sending thread) each time the whole message has been played.</summary>
    public event EventHandler<int>? PlayCompleted;

    /// <summary>How many times the whole message has been played.</summary>
    public int CompletedPlays => Volatile.Read(ref _completedPlays);

    /// <summary>Fills the next frame of <see cref="FrameSamples"/> samples.</summary>
    public void NextFrame(Span<short> frame)
    {
        var cycle = _message.Samples.Length + _pauseSamples;
        var samples = _message.Samples.Span;
        for (var i = 0; i < frame.Length; i++)
        {
            var played = Volatile.Read(ref _completedPlays);
            if (!_repeat && played > 0)
            {
                frame[i] = 0;
                continue;
            }
            var inCycle = (int)(_position % cycle);
            frame[i] = inCycle < samples.Length ? samples[inCycle] : (short)0;
            _position++;
            if (inCycle == samples.Length - 1)
            {
                var count = Interlocked.Increment(ref _completedPlays);
                PlayCompleted?.Invoke(this, count);
            }
        }
    }
}
