namespace Hardware.Sip.Audio;

/// <summary>A WAV file that cannot be played on a G.711 call, with a message saying why.</summary>
public sealed class WavFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public WavFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public WavFormatException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public WavFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
