namespace Edge.Core.Scenarios;

/// <summary>Which box this is: the (site, device) pair every event carries.</summary>
public sealed record DeviceIdentity(string Site, string Device);
