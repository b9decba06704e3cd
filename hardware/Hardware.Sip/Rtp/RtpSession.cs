using System.Net;
using System.Net.Sockets;
using Hardware.Sip.Audio;
using Hardware.Sip.Sdp;
using Microsoft.Extensions.Logging;

namespace Hardware.Sip.Rtp;

/// <summary>
/// One audio RTP stream: an even UDP port we both send from and receive on (symmetric RTP, RFC 4961),
/// G.711 frames paced every 20 ms by the injected <see cref="TimeProvider"/>, and RFC 4733 digits.
/// </summary>
internal sealed class RtpSession : IAsyncDisposable
{
    private static readonly TimeSpan s_frameInterval = TimeSpan.FromMilliseconds(20);
    private const int MaxCatchUpFrames = 5;

    private readonly Socket _socket;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly DtmfDetector _dtmf = new();
    private readonly object _sync = new();
    private readonly uint _ssrc;
    private ushort _sequence;
    private uint _timestamp;
    private IPEndPoint? _remote;
    private IPAddress? _signallingPeer;
    private int? _telephoneEventPayloadType;
    private bool _latched;
    private Task? _receiveLoop;
    private Task? _sendLoop;

    private RtpSession(Socket socket, Random random, TimeProvider time, ILogger logger)
    {
        _socket = socket;
        _time = time;
        _logger = logger;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
        lock (random)
        {
            // RFC 3550 §5.1: random initial sequence number, timestamp and SSRC.
            _ssrc = (uint)random.NextInt64(1, uint.MaxValue);
            _sequence = (ushort)random.Next(0, ushort.MaxValue);
            _timestamp = (uint)random.NextInt64(0, uint.MaxValue);
        }
    }

    public IPEndPoint LocalEndPoint { get; }

    public uint Ssrc => _ssrc;

    /// <summary>Raised once per RFC 4733 event (digit), on the receive thread.</summary>
    public event EventHandler<char>? DigitReceived;

    public long PacketsSent => Interlocked.Read(ref _packetsSent);

    public long AudioPacketsReceived => Interlocked.Read(ref _audioPacketsReceived);

    public long PacketsRejected => Interlocked.Read(ref _packetsRejected);

    /// <summary>RFC 4733 event packets sent by <see cref="SendTelephoneEventAsync"/> (not counted in <see cref="PacketsSent"/>).</summary>
    public long EventPacketsSent => Interlocked.Read(ref _eventPacketsSent);

    private long _packetsSent;
    private long _eventPacketsSent;
    private long _audioPacketsReceived;
    private long _packetsRejected;

    /// <summary>Binds an even port (RFC 3550 §11: RTP on even, RTCP on the next odd port) on the given address.</summary>
    public static RtpSession Open(IPAddress localAddress, Random random, TimeProvider time, ILogger logger)
    {
        for (var attempt = 0; attempt < 64; attempt++)
        {
            // Linux hands out odd ephemeral ports to bind(0); the even port just below (with the odd one
            // as its RTCP neighbour) was usually free a moment ago.
            int port;
            using (var probe = new Socket(localAddress.AddressFamily, SocketType.Dgram, ProtocolType.Udp))
            {
                probe.Bind(new IPEndPoint(localAddress, 0));
                port = ((IPEndPoint)probe.LocalEndPoint!).Port;
            }
            var even = port % 2 == 0 ? port : port - 1;
            var socket = new Socket(localAddress.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                socket.Bind(new IPEndPoint(localAddress, even));
                return new RtpSession(socket, random, time, logger);
            }
            catch (SocketException)
            {
                socket.Dispose();
            }
        }
        throw new SocketException((int)SocketError.AddressAlreadyInUse);
    }

    /// <summary>
    /// Sets (or changes, e.g. 183 then 200, or a re-INVITE) the remote media: where we send, which
    /// telephone-event payload type the ANSWER uses. Starts receiving on first call.
    /// </summary>
    public void SetRemote(MediaNegotiation media, IPAddress? signallingPeer)
    {
        lock (_sync)
        {
            if (_remote is null || !_remote.Equals(media.RemoteEndPoint))
            {
                _latched = false;
            }
            _remote = media.RemoteEndPoint;
            _telephoneEventPayloadType = media.TelephoneEventPayloadType;
            _signallingPeer = signallingPeer;
        }
        _receiveLoop ??= Task.Run(ReceiveLoopAsync);
    }

    /// <summary>Starts sending the playback's frames every 20 ms in the negotiated codec.</summary>
    public void StartSending(AudioCodec codec, MessagePlayback playback)
    {
        if (_sendLoop is not null)
        {
            return;
        }
        _sendLoop = Task.Run(() => SendLoopAsync(codec, playback));
    }

    private async Task SendLoopAsync(AudioCodec codec, MessagePlayback playback)
    {
        var samples = new short[MessagePlayback.FrameSamples];
        var payload = new byte[MessagePlayback.FrameSamples];
        var start = _time.GetTimestamp();
        long framesSent = 0;
        using var timer = new PeriodicTimer(s_frameInterval, _time);
        try
        {
            do
            {
                // Pace against the clock, not against ticks: a late tick sends the frames that are due,
                // so the stream does not drift (protocols.md §1.9). Bursts are capped after a long stall.
                var due = (long)(_time.GetElapsedTime(start) / s_frameInterval) + 1;
                if (due - framesSent > MaxCatchUpFrames)
                {
                    framesSent = due - MaxCatchUpFrames;
                }
                while (framesSent < due)
                {
                    playback.NextFrame(samples);
                    if (codec == AudioCodec.Pcmu)
                    {
                        MuLaw.Encode(samples, payload);
                    }
                    else
                    {
                        ALaw.Encode(samples, payload);
                    }
                    await SendFrameAsync(codec, payload, framesSent == 0).ConfigureAwait(false);
                    framesSent++;
                }
            }
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task SendFrameAsync(AudioCodec codec, byte[] payload, bool first)
    {
        IPEndPoint? remote;
        RtpPacket packet;
        lock (_sync)
        {
            remote = _remote;
            // The marker flags the first packet of the talkspurt (RFC 3551 §4.1).
            packet = new RtpPacket(first, (byte)codec, _sequence, _timestamp, _ssrc, payload);
            _sequence++;
            _timestamp += MessagePlayback.FrameSamples;
        }
        if (remote is null)
        {
            return;
        }
        try
        {
            await _socket.SendToAsync(packet.ToBytes(), SocketFlags.None, remote, _stop.Token).ConfigureAwait(false);
            Interlocked.Increment(ref _packetsSent);
        }
        catch (SocketException ex)
        {
            // ICMP port unreachable and the like: keep the stream's timing, the call decides when to stop.
            _logger.LogDebug("RTP send to {Remote} failed: {Error}", remote, ex.SocketErrorCode);
        }
    }

    /// <summary>
    /// Sends one RFC 4733 event to the remote end point, as a telephone keypad does (§2.5): a first packet with the
    /// marker bit, one packet every 20 ms with the duration so far, then the end packet three times at the same
    /// interval (§2.5.1.4), every one with the RTP timestamp of the event's start and its own sequence number
    /// (§2.5.1.6). Audio, when it is being sent, keeps flowing in between. The box never sends digits: this is for the
    /// virtual phone (Simulator/). Returns the number of packets sent; stops quietly when the session is disposed.
    /// </summary>
    public async Task<int> SendTelephoneEventAsync(byte eventCode, int payloadType, TimeSpan length, CancellationToken cancellationToken)
    {
        const byte Volume = 10; // -10 dBm0, what SIPp's and baresip's digits carry
        var updates = Math.Max(1, (int)Math.Round(length / s_frameInterval));
        uint timestamp;
        lock (_sync)
        {
            timestamp = _timestamp;
        }
        var sent = 0;
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, cancellationToken);
            using var timer = new PeriodicTimer(s_frameInterval, _time);
            for (var i = 1; i <= updates + 3; i++)
            {
                if (i > 1 && !await timer.WaitForNextTickAsync(linked.Token).ConfigureAwait(false))
                {
                    break;
                }
                var end = i > updates;
                var duration = (ushort)(Math.Min(i, updates) * MessagePlayback.FrameSamples);
                var payload = new TelephoneEvent(eventCode, end, Volume, duration).ToBytes();
                if (await SendEventPacketAsync(payload, payloadType, timestamp, marker: i == 1, linked.Token).ConfigureAwait(false))
                {
                    sent++;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        return sent;
    }

    private async Task<bool> SendEventPacketAsync(byte[] payload, int payloadType, uint timestamp, bool marker, CancellationToken cancellationToken)
    {
        IPEndPoint? remote;
        RtpPacket packet;
        lock (_sync)
        {
            remote = _remote;
            packet = new RtpPacket(marker, (byte)payloadType, _sequence, timestamp, _ssrc, payload);
            _sequence++;
        }
        if (remote is null)
        {
            return false;
        }
        try
        {
            await _socket.SendToAsync(packet.ToBytes(), SocketFlags.None, remote, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _eventPacketsSent);
            return true;
        }
        catch (SocketException ex)
        {
            _logger.LogDebug("RTP event send to {Remote} failed: {Error}", remote, ex.SocketErrorCode);
            return false;
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[2048];
        var any = new IPEndPoint(LocalEndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token).ConfigureAwait(false);
                var source = (IPEndPoint)result.RemoteEndPoint;
                if (!Accept(source))
                {
                    Interlocked.Increment(ref _packetsRejected);
                    continue;
                }
                if (!RtpPacket.TryParse(buffer.AsMemory(0, result.ReceivedBytes), out var packet))
                {
                    continue;
                }
                if (packet.PayloadType == _telephoneEventPayloadType)
                {
                    if (_dtmf.OnPacket(packet) is { } digit)
                    {
                        _logger.LogInformation("RFC 4733 digit '{Digit}' received", digit);
                        DigitReceived?.Invoke(this, digit);
                    }
                }
                else
                {
                    Interlocked.Increment(ref _audioPacketsReceived);
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (ObjectDisposedException)
            {
                break;
            }
            catch (SocketException ex)
            {
                _logger.LogDebug("RTP receive error {Error}", ex.SocketErrorCode);
            }
        }
    }

    /// <summary>
    /// Only the peer from the answer is heard. A NATed peer whose packets come from another port of the
    /// same address (SDP address or signalling address) is latched once, and we then send there too.
    /// </summary>
    private bool Accept(IPEndPoint source)
    {
        lock (_sync)
        {
            if (_remote is null)
            {
                return false;
            }
            if (source.Equals(_remote))
            {
                _latched = true;
                return true;
            }
            if (!_latched && (source.Address.Equals(_remote.Address) || source.Address.Equals(_signallingPeer)))
            {
                _logger.LogInformation("RTP latched to {Source} (answer said {Remote})", source, _remote);
                _remote = source;
                _latched = true;
                return true;
            }
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        foreach (var task in new[] { _sendLoop, _receiveLoop })
        {
            if (task is not null)
            {
                await task.ConfigureAwait(false);
            }
        }
        _stop.Dispose();
    }
}
