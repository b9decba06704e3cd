namespace Edge.Worker.Hosting;

/// <summary>The box's settings break a rule it will not run without; the message says which and how to fix it.</summary>
public sealed class EdgeConfigurationException : Exception
{
    public EdgeConfigurationException()
    {
    }

    public EdgeConfigurationException(string message)
        : base(message)
    {
    }

    public EdgeConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
