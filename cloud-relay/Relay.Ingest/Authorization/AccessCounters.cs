using Relay.Core.Ingest;

namespace Relay.Ingest.Authorization;

/// <summary>What the embedded broker refused, by reason (<c>connect-wrong-password</c>, <c>publish-denied</c>, ...).</summary>
public sealed class AccessCounters
{
    public ReasonCounters Denied { get; } = new();
}
