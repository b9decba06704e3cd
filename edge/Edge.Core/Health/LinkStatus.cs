namespace Edge.Core.Health;

/// <summary>Whether the box can reach the relay right now. Set by the uplink, read by the LED and the status page.</summary>
public sealed class LinkStatus(TimeProvider time)
{
    private readonly object _gate = new();

    public event EventHandler? Changed;

    /// <summary>False until the first connection, and whenever the link is down.</summary>
    public bool IsConnected { get; private set; }

    /// <summary>No uplink is configured: the box works alone and is never shown as offline.</summary>
    public bool IsStandalone { get; private set; } = true;

    public DateTimeOffset? Since { get; private set; }

    public string? LastError { get; private set; }

    public void Configured()
    {
        lock (_gate)
        {
            IsStandalone = false;
        }

        Changed?.Invoke(this, EventArgs.Empty);
    }

    public void Set(bool connected, string? error = null)
    {
        lock (_gate)
        {
            if (connected == IsConnected && error == LastError)
            {
                return;
            }

            if (connected != IsConnected)
            {
                Since = time.GetUtcNow();
            }

            IsConnected = connected;
            LastError = error;
        }

        Changed?.Invoke(this, EventArgs.Empty);
    }
}
