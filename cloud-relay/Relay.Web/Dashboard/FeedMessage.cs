namespace Relay.Web.Dashboard;

/// <summary>One server-sent event, serialized once for every browser: <paramref name="Type"/> is the SSE event name
/// (alert, site, command, audit, resync), <paramref name="Json"/> its data.</summary>
public sealed record FeedMessage(string Type, string Json);
