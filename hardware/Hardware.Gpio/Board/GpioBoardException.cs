namespace Hardware.Gpio.Board;

/// <summary>A GPIO problem worded for the installer: which pin, what is wrong, what to do.</summary>
public sealed class GpioBoardException : Exception
{
    public GpioBoardException()
    {
    }

    public GpioBoardException(string message)
        : base(message)
    {
    }

    public GpioBoardException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
