namespace Hardware.Onvif;

/// <summary>Settings shared by every camera an <see cref="OnvifClient"/> connects to.</summary>
public sealed class OnvifClientOptions
{
    /// <summary>Longest wait for one HTTP exchange (SOAP call or snapshot). Default 10 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Move service addresses and snapshot URIs that the camera reports with another host onto the host,
    /// port and scheme we reached it on (NAT, port forwarding). Default true.
    /// </summary>
    public bool RewriteServiceAddresses { get; init; } = true;

    /// <summary>Use Media2 (ver20) when the camera lists it. Default true; Media (ver10) otherwise.</summary>
    public bool PreferMedia2 { get; init; } = true;

    /// <summary>How often <see cref="OnvifCamera.WaitForPtzIdleAsync"/> asks GetStatus. Default 250 ms.</summary>
    public TimeSpan PtzStatusPollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// What <see cref="OnvifCamera.WaitForPtzIdleAsync"/> waits when the camera cannot report its move
    /// status. Default 3 s, enough for most domes to reach a preset.
    /// </summary>
    public TimeSpan PtzSettleTime { get; init; } = TimeSpan.FromSeconds(3);
}
