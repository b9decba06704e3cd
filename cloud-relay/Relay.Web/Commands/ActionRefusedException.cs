namespace Relay.Web.Commands;

/// <summary>An action the relay will not carry out, with the HTTP status and the reason to show the operator.</summary>
public sealed class ActionRefusedException : Exception
{
    public ActionRefusedException()
    {
    }

    public ActionRefusedException(string message)
        : base(message)
    {
    }

    public ActionRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ActionRefusedException(int statusCode, string message)
        : base(message)
    {
        StatusCode = statusCode;
    }

    public int StatusCode { get; } = StatusCodes.Status400BadRequest;
}
