using Edge.Contracts.Messages;

namespace Edge.Core.Health;

/// <summary>
/// The faults the box has right now (stuck button, cut wire, storage, camera, phone), for the status page, the
/// heartbeat and the status LED. Raising a fault that is already there does nothing, so callers need no state.
/// </summary>
public sealed class FaultRegistry(TimeProvider time)
{
    private readonly object _gate = new();
    private readonly Dictionary<(string Code, string Subject), FaultInfo> _faults = [];

    public event EventHandler? Changed;

    public IReadOnlyList<FaultInfo> Current
    {
        get
        {
            lock (_gate)
            {
                return [.. _faults.Values.OrderBy(f => f.Since)];
            }
        }
    }

    public bool Any
    {
        get
        {
            lock (_gate)
            {
                return _faults.Count > 0;
            }
        }
    }

    /// <summary>Records a fault; returns false if it was already known.</summary>
    public bool Raise(string code, string subject, string detail)
    {
        lock (_gate)
        {
            if (_faults.ContainsKey((code, subject)))
            {
                return false;
            }

            _faults[(code, subject)] = new FaultInfo(code, subject, detail, time.GetUtcNow());
        }

        Changed?.Invoke(this, EventArgs.Empty);
        return true;
    }

    /// <summary>Forgets a fault; returns false if it was not there.</summary>
    public bool Clear(string code, string subject)
    {
        lock (_gate)
        {
            if (!_faults.Remove((code, subject)))
            {
                return false;
            }
        }

        Changed?.Invoke(this, EventArgs.Empty);
        return true;
    }
}
