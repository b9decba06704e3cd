namespace Provisioning.Cli.Audio;

/// <summary>The layout of PCM samples in a WAV file.</summary>
internal readonly record struct PcmFormat(int SampleRate, int Channels, int BitsPerSample)
{
    /// <summary>What the box plays down a phone line (G.711 is 8 kHz mono): 8 kHz, mono, 16-bit.</summary>
    public static PcmFormat Telephone { get; } = new(8000, 1, 16);

    public override string ToString() => $"{SampleRate} Hz, {(Channels == 1 ? "mono" : $"{Channels} channels")}, {BitsPerSample}-bit PCM";
}
