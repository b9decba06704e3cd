using System.Collections.Frozen;

namespace Relay.Core.Certificates;

/// <summary>
/// The revoked serial numbers, in memory, for the TLS handshake (a synchronous callback that must not wait on the
/// store). Loaded from the store at start; every revocation made by this process adds to it at once. Revocations made
/// by the admin commands happen with the relay stopped, so the next start loads them.
/// </summary>
public sealed class RevocationList
{
    private volatile FrozenSet<string> _serials = FrozenSet<string>.Empty;
    private readonly Lock _gate = new();

    public int Count => _serials.Count;

    public bool IsRevoked(string serialNumber) => _serials.Contains(serialNumber);

    public void Replace(IEnumerable<string> serialNumbers)
    {
        lock (_gate)
        {
            _serials = serialNumbers.ToFrozenSet(StringComparer.Ordinal);
        }
    }

    public void Add(IEnumerable<string> serialNumbers)
    {
        lock (_gate)
        {
            _serials = _serials.Concat(serialNumbers).ToFrozenSet(StringComparer.Ordinal);
        }
    }
}
