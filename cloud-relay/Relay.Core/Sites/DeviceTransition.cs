using Relay.Core.Devices;

namespace Relay.Core.Sites;

/// <summary>A change of connectivity, for logs and for re-publishing pending commands when a box comes back.</summary>
public sealed record DeviceTransition(DeviceId Device, Connectivity From, Connectivity To, string Reason);
