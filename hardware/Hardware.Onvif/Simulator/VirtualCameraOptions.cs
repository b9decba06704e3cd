using System.Net;
using Microsoft.Extensions.Logging;

namespace Hardware.Onvif.Simulator;

/// <summary>How the virtual camera behaves. The defaults give a well-behaved PTZ camera on 127.0.0.1, ephemeral ports.</summary>
public sealed class VirtualCameraOptions
{
    /// <summary>The user the camera accepts. Default <c>admin</c>.</summary>
    public string UserName { get; init; } = "admin";

    /// <summary>Its password. Default <c>9999</c>, the one of the recorded responses.</summary>
    public string Password { get; init; } = "9999";

    /// <summary>
    /// Camera clock minus the real one, reported by GetSystemDateAndTime and used to check WS-Security
    /// timestamps, e.g. three years to play a camera whose clock was never set.
    /// </summary>
    public TimeSpan ClockOffset { get; init; }

    /// <summary>How far a WS-Security Created may be from the camera's clock, either way. Default 2 minutes.</summary>
    public TimeSpan TimestampTolerance { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Answer 401 with Digest challenges (SHA-256 and MD5) to every SOAP request that carries no valid HTTP
    /// digest, except the PRE_AUTH operations. Default false: WS-Security is checked instead.
    /// </summary>
    public bool RequireHttpDigest { get; init; }

    /// <summary>A PTZ camera (default) or a fixed one: without PTZ, no PTZ service, no PTZ configuration, PTZ calls fault.</summary>
    public bool HasPtz { get; init; } = true;

    /// <summary>Answer GetPtzStatus (default); false faults it, like cameras that do not implement it.</summary>
    public bool SupportsPtzStatus { get; init; } = true;

    /// <summary>How long a move to a preset or position lasts (GetStatus says MOVING meanwhile). Default 300 ms.</summary>
    public TimeSpan PtzMoveDuration { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Also offer Media2 (ver20), generated from the recorded Media answers. Default false, as recorded.</summary>
    public bool HasMedia2 { get; init; }

    /// <summary>Fault GetServices (Receiver / ActionNotSupported), like older firmware, so clients fall back to GetCapabilities.</summary>
    public bool FailGetServices { get; init; }

    /// <summary>
    /// A host (e.g. <c>192.168.1.64</c>) to write into service addresses and media URIs instead of the real
    /// loopback one, like a camera behind NAT. Only the text changes: the camera still listens on loopback,
    /// and WS-Discovery still gives the real address.
    /// </summary>
    public string? ReportedHost { get; init; }

    /// <summary>Its presets; null uses the 46 recorded ones (P001…P020, wiper and light presets, two named Home).</summary>
    public IReadOnlyList<VirtualCameraPreset>? Presets { get; init; }

    /// <summary>
    /// Recorded files to replay as they are for some operations, e.g. <c>["GetCapabilities"] = "GetCapabilitiesEncoder.xml"</c>
    /// (declared utf-16 on ASCII bytes). Keys are operation local names.
    /// </summary>
    public IReadOnlyDictionary<string, string> ReplayFiles { get; init; } = new Dictionary<string, string>();

    /// <summary>The address to listen on. Default 127.0.0.1.</summary>
    public IPAddress BindAddress { get; init; } = IPAddress.Loopback;

    /// <summary>The HTTP port; 0 (default) takes a free one.</summary>
    public int HttpPort { get; init; }

    /// <summary>Answer WS-Discovery Probes sent (unicast) to <see cref="DiscoveryPort"/>. Default true.</summary>
    public bool EnableDiscovery { get; init; } = true;

    /// <summary>The WS-Discovery UDP port; 0 (default) takes a free one, 3702 is the standard one.</summary>
    public int DiscoveryPort { get; init; }

    /// <summary>Copies of each ProbeMatches sent, as SOAP-over-UDP repeats unicast answers. Default 2.</summary>
    public int DiscoveryAnswerCopies { get; init; } = 2;

    /// <summary>The real clock the camera's is derived from. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Logging of what the camera receives and refuses.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
