using System.Net;
using System.Net.Sockets;
using Hardware.Sip.Audio;
using Hardware.Sip.Rtp;
using Hardware.Sip.Sdp;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Hardware.Sip.Tests.Unit;

public sealed class RtpTests
{
    [Fact]
    public void Header_RoundTrips_AndCsrcExtensionPaddingAreSkipped()
    {
        var packet = new RtpPacket(true, 8, 65535, 4_000_000_000, 0xDEADBEEF, new byte[] { 1, 2, 3 });
        var bytes = packet.ToBytes();
        Assert.Equal(0x80, bytes[0]);
        Assert.Equal(0x88, bytes[1]);
        Assert.True(RtpPacket.TryParse(bytes, out var parsed));
        Assert.Equal(packet with { Payload = parsed.Payload }, parsed);
        Assert.Equal(new byte[] { 1, 2, 3 }, parsed.Payload.ToArray());

        // One CSRC, a one-word extension, two bytes of padding.
        byte[] complex = [0xB1, 0x00, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 9, 9, 9, 9, 0xBE, 0xDE, 0, 1, 7, 7, 7, 7, 0x42, 0, 2];
        Assert.True(RtpPacket.TryParse(complex, out var withExtras));
        Assert.Equal(new byte[] { 0x42 }, withExtras.Payload.ToArray());
        Assert.False(RtpPacket.TryParse(new byte[] { 0x40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, out _));
    }

    [Fact]
    public async Task Sender_PacesOneFrameEvery20ms_OnTheInjectedClock()
    {
        var time = new FakeTimeProvider();
        using var peer = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var peerEndPoint = (IPEndPoint)peer.Client.LocalEndPoint!;
        await using var session = RtpSession.Open(IPAddress.Loopback, new Random(42), time, NullLogger.Instance);
        Assert.Equal(0, session.LocalEndPoint.Port % 2);

        var tone = Enumerable.Range(0, 800).Select(i => (short)(i % 2 == 0 ? 8000 : -8000)).ToArray();
        var playback = new MessagePlayback(new PcmAudio(tone), repeat: false, TimeSpan.Zero);
        session.SetRemote(new MediaNegotiation(peerEndPoint, AudioCodec.Pcmu, 101, "sendrecv"), null);
        session.StartSending(AudioCodec.Pcmu, playback);

        var packets = new List<(RtpPacket Packet, IPEndPoint From)>();
        packets.Add(await ReceiveAsync(peer)); // the first frame goes at once
        for (var i = 1; i < 8; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(20));
            packets.Add(await ReceiveAsync(peer));
        }

        Assert.All(packets, p => Assert.Equal(session.LocalEndPoint.Port, p.From.Port)); // symmetric: sent from our SDP port
        Assert.True(packets[0].Packet.Marker);
        Assert.All(packets.Skip(1), p => Assert.False(p.Packet.Marker));
        Assert.All(packets, p => Assert.Equal(0, p.Packet.PayloadType));
        Assert.All(packets, p => Assert.Equal(160, p.Packet.Payload.Length));
        Assert.All(packets, p => Assert.Equal(session.Ssrc, p.Packet.Ssrc));
        for (var i = 1; i < packets.Count; i++)
        {
            Assert.Equal((ushort)(packets[i - 1].Packet.SequenceNumber + 1), packets[i].Packet.SequenceNumber);
            Assert.Equal(packets[i - 1].Packet.Timestamp + 160, packets[i].Packet.Timestamp);
        }
        // 800 samples = 5 frames of message, then silence (no repetition).
        Assert.Equal(MuLaw.Encode(8000), packets[0].Packet.Payload.Span[0]);
        Assert.All(packets.Skip(5), p => Assert.All(p.Packet.Payload.ToArray(), b => Assert.Equal(MuLaw.Silence, b)));
        Assert.Equal(1, playback.CompletedPlays);
    }

    [Fact]
    public async Task Receiver_ReportsDigitsFromTheAnswersPayloadType_OnlyFromTheExpectedPeer()
    {
        using var peer = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        using var stranger = new UdpClient(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0));
        await using var session = RtpSession.Open(IPAddress.Loopback, new Random(1), TimeProvider.System, NullLogger.Instance);
        var digits = new List<char>();
        var got = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        session.DigitReceived += (_, d) =>
        {
            lock (digits)
            {
                digits.Add(d);
                if (digits.Count == 1 && d == '9')
                {
                    got.TrySetResult();
                }
            }
        };
        session.SetRemote(new MediaNegotiation((IPEndPoint)peer.Client.LocalEndPoint!, AudioCodec.Pcmu, 96, "sendrecv"), null);

        // A stranger (other address) sends a digit: dropped. The peer sends PT 101 (not negotiated): not a digit.
        await stranger.SendAsync(Event(96, 1000, 3), session.LocalEndPoint, TestContext.Current.CancellationToken);
        await peer.SendAsync(Event(101, 2000, 4), session.LocalEndPoint, TestContext.Current.CancellationToken);
        await peer.SendAsync(Event(96, 3000, 9), session.LocalEndPoint, TestContext.Current.CancellationToken);

        await got.Task.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.Equal(['9'], digits);
        Assert.True(session.PacketsRejected >= 1);
    }

    private static byte[] Event(byte payloadType, uint timestamp, byte digit) =>
        new RtpPacket(true, payloadType, 1, timestamp, 77, new TelephoneEvent(digit, false, 10, 160).ToBytes()).ToBytes();

    private static async Task<(RtpPacket, IPEndPoint)> ReceiveAsync(UdpClient client)
    {
        var result = await client.ReceiveAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(RtpPacket.TryParse(result.Buffer, out var packet));
        return (packet, result.RemoteEndPoint);
    }
}
