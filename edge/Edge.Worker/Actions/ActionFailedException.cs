namespace Edge.Worker.Actions;

/// <summary>
/// An action failed for a reason its message states for the crisis cell and the installer (a secret not
/// provisioned, an unusable message file, nobody reached). The engine records the message as the action-failed event.
/// </summary>
public sealed class ActionFailedException : Exception
{
    public ActionFailedException()
    {
    }

    public ActionFailedException(string message)
        : base(message)
    {
    }

    public ActionFailedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
