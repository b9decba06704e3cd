namespace Hardware.Sip.Audio;

/// <summary>Mono 16-bit linear audio at 8 kHz, the only format G.711 telephony needs.</summary>
public sealed class PcmAudio
{
    /// <summary>The only sample rate accepted: narrow-band telephony (RFC 3551 §4.5.14).</summary>
    public const int SampleRate = 8000;

    /// <summary>Wraps samples (8 kHz mono).</summary>
    public PcmAudio(ReadOnlyMemory<short> samples)
    {
        if (samples.IsEmpty)
        {
            throw new ArgumentException("Audio has no samples.", nameof(samples));
        }
        Samples = samples;
    }

    /// <summary>The samples.</summary>
    public ReadOnlyMemory<short> Samples { get; }

    /// <summary>Play-out duration.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds(Samples.Length / (double)SampleRate);

    /// <summary>Loads an 8 kHz mono 16-bit PCM WAV file (see <see cref="WavReader"/>).</summary>
    public static PcmAudio LoadWav(string path) => WavReader.Read(path);
}
