using System.Net;
using System.Net.Sockets;
using Hardware.Onvif.Errors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hardware.Onvif.Discovery;

/// <summary>Finds ONVIF cameras with a WS-Discovery Probe (ONVIF Core §7.3).</summary>
public sealed class OnvifDiscovery
{
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <param name="timeProvider">Clock for the listening window and the Probe repeats.</param>
    /// <param name="logger">Logging.</param>
    public OnvifDiscovery(TimeProvider? timeProvider = null, ILogger<OnvifDiscovery>? logger = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<OnvifDiscovery>.Instance;
    }

    /// <summary>
    /// Sends the Probe (<see cref="OnvifDiscoveryOptions.ProbeCount"/> times) and collects answers for
    /// <see cref="OnvifDiscoveryOptions.Duration"/>. Answers are accepted from any source port (devices
    /// often answer from an ephemeral socket), matched on RelatesTo, and de-duplicated by endpoint
    /// reference (devices repeat UDP answers, and answer each Probe). Garbage is ignored.
    /// </summary>
    /// <returns>One entry per device, in the order they first answered.</returns>
    public async Task<IReadOnlyList<DiscoveredCamera>> ProbeAsync(OnvifDiscoveryOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new OnvifDiscoveryOptions();
        string messageId = "urn:uuid:" + Guid.NewGuid();
        byte[] probe = DiscoveryMessages.CreateProbe(messageId);

        using var udp = new UdpClient(new IPEndPoint(options.LocalAddress, 0));
        if (IsMulticast(options.Destination.Address))
        {
            // One hop: cameras are on the installer's segment, and the probe must not leak further.
            udp.Client.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastTimeToLive, 1);
            if (!options.LocalAddress.Equals(IPAddress.Any))
            {
                udp.Client.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, options.LocalAddress.GetAddressBytes());
            }
        }

        using var window = new CancellationTokenSource(options.Duration, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, window.Token);
        try
        {
            await udp.SendAsync(probe, options.Destination, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException exception)
        {
            throw new OnvifConnectionException(
                $"Cannot send the WS-Discovery Probe to {options.Destination}: {exception.Message}. On a box with several networks, choose the interface (local address).",
                exception)
            {
                Operation = "WS-Discovery Probe",
            };
        }

        Task repeating = RepeatProbesAsync(udp, probe, options, linked.Token);

        var found = new List<DiscoveredCamera>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            while (true)
            {
                UdpReceiveResult datagram = await udp.ReceiveAsync(linked.Token).ConfigureAwait(false);
                IReadOnlyList<DiscoveredCamera> matches = DiscoveryMessages.ParseProbeMatches(datagram.Buffer, messageId, datagram.RemoteEndPoint);
                if (matches.Count == 0)
                {
                    _logger.LogDebug("Ignored a {Length}-byte datagram from {Source}: not an answer to our Probe", datagram.Buffer.Length, datagram.RemoteEndPoint);
                }

                foreach (DiscoveredCamera camera in matches.Where(c => seen.Add(c.EndpointReference)))
                {
                    _logger.LogInformation("Found {Name} ({Hardware}) at {XAddrs}", camera.Name, camera.Hardware, string.Join(' ', camera.XAddrs));
                    found.Add(camera);
                }
            }
        }
        catch (OperationCanceledException) when (window.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The listening window is over: the normal end.
        }

        await repeating.ConfigureAwait(false);
        return found;
    }

    private static bool IsMulticast(IPAddress address) => address.AddressFamily == AddressFamily.InterNetworkV6
        ? address.IsIPv6Multicast
        : (address.GetAddressBytes()[0] & 0xF0) == 224;

    private async Task RepeatProbesAsync(UdpClient udp, byte[] probe, OnvifDiscoveryOptions options, CancellationToken cancellationToken)
    {
        try
        {
            for (int i = 1; i < options.ProbeCount; i++)
            {
                await Task.Delay(options.ProbeInterval, _timeProvider, cancellationToken).ConfigureAwait(false);
                await udp.SendAsync(probe, options.Destination, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The window closed before every repeat went out.
        }
        catch (SocketException exception)
        {
            _logger.LogWarning("Could not send the WS-Discovery Probe to {Destination}: {Reason}", options.Destination, exception.Message);
        }
    }
}
