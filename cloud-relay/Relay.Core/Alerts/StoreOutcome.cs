namespace Relay.Core.Alerts;

public enum StoreOutcome
{
    Stored,

    /// <summary>Already stored with the same content: acknowledged again, never stored twice.</summary>
    Duplicate,

    /// <summary>
    /// The seq was already stored with different content. The newcomer is kept aside (not lost) and acknowledged,
    /// so the box does not resend it forever; an operator must look at the box's sequence counter.
    /// </summary>
    Conflict,
}
