namespace Relay.Web.Hosting.ProductionMode;

/// <summary><c>Relay:Mode</c>.</summary>
public enum RelayMode
{
    /// <summary>The default: anything goes on loopback, as for a demo or a developer's machine.</summary>
    Demo,

    /// <summary>Refuses to start with any plain-text listener outside loopback, and marks cookies Secure.</summary>
    Production,
}
