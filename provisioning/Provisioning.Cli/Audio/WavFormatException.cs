namespace Provisioning.Cli.Audio;

/// <summary>A WAV file that cannot be used, with what is wrong in it.</summary>
internal sealed class WavFormatException : FormatException
{
    public WavFormatException()
    {
    }

    public WavFormatException(string message)
        : base(message)
    {
    }

    public WavFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
