using System.Net;
using System.Net.Sockets;
using System.Text;
using Hardware.Sip.Messages;

namespace Hardware.Sip.Tests.Peers;

/// <summary>
/// A hand-driven SIP peer on a loopback UDP socket, for exchanges the packaged peers cannot script
/// easily (re-INVITE, UPDATE, 481, a 200 crossing a CANCEL, challenges on INVITE, silence).
/// </summary>
/// <remarks>
/// Over UDP the other side retransmits on its own timers (Timer A/E for its requests, §13.3.1.4 for its 2xx) whenever
/// our answer is slower than T1, which on a loaded machine it sometimes is. Like the server transaction of a real peer
/// (RFC 3261 §17.2.1, §17.2.2), <see cref="ExpectRequestAsync"/> and <see cref="ExpectResponseAsync"/> therefore absorb
/// a message identical to one already received and wait for the next new one; a test about retransmissions asks for
/// one with <see cref="ExpectRetransmissionAsync{T}"/>, or reads the raw stream with <see cref="TryReceiveAsync"/>.
/// </remarks>
internal sealed class ScriptedPeer : IDisposable
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);
    private readonly UdpClient _socket = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public int Port => ((IPEndPoint)_socket.Client.LocalEndPoint!).Port;

    /// <summary>Where the phone sends from (learned from the first request).</summary>
    public IPEndPoint? Phone { get; private set; }

    /// <summary>Every message received, in order (retransmissions included).</summary>
    public List<SipMessage> Received { get; } = [];

    /// <summary>How many retransmissions the Expect methods absorbed.</summary>
    public int RetransmissionsAbsorbed { get; private set; }

    /// <summary>The next new request (retransmissions of earlier messages absorbed), which must be a <paramref name="method"/>.</summary>
    public async Task<SipRequest> ExpectRequestAsync(string method, TimeSpan? timeout = null)
    {
        var message = await ReceiveNewAsync(timeout ?? s_wait, original: null);
        var request = Assert.IsType<SipRequest>(message);
        Assert.Equal(method, request.Method);
        return request;
    }

    /// <summary>The next new response (retransmissions of earlier messages absorbed).</summary>
    public async Task<SipResponse> ExpectResponseAsync(TimeSpan? timeout = null) =>
        Assert.IsType<SipResponse>(await ReceiveNewAsync(timeout ?? s_wait, original: null));

    /// <summary>
    /// The next message must repeat <paramref name="original"/> exactly (retransmissions of other messages are
    /// absorbed): a new message instead fails the test.
    /// </summary>
    public async Task<T> ExpectRetransmissionAsync<T>(T original, TimeSpan? timeout = null)
        where T : SipMessage
    {
        var message = await ReceiveNewAsync(timeout ?? s_wait, original);
        Assert.Equal(original.ToString(), message.ToString());
        return Assert.IsType<T>(message);
    }

    /// <summary>Waits for any message, retransmissions included; null after <paramref name="timeout"/> of silence.</summary>
    public async Task<SipMessage?> TryReceiveAsync(TimeSpan timeout)
    {
        try
        {
            return (await ReceiveAsync(timeout)).Message;
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    /// <summary>
    /// The next message that is not a retransmission, or, when <paramref name="original"/> is given, the next one that
    /// is not a retransmission of anything else. <paramref name="timeout"/> bounds the whole wait.
    /// </summary>
    private async Task<SipMessage> ReceiveNewAsync(TimeSpan timeout, SipMessage? original)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        var wanted = original?.ToString();
        while (true)
        {
            var remaining = TimeSpan.FromMilliseconds(Math.Max(0, deadline - Environment.TickCount64));
            var (message, isNew) = await ReceiveAsync(remaining, timeout);
            if (!isNew && (wanted is null || message.ToString() != wanted))
            {
                RetransmissionsAbsorbed++;
                Log($"absorbed a retransmission: {FirstLine(message.ToString())}");
                continue;
            }
            return message;
        }
    }

    /// <summary>The next datagram, parsed; <c>IsNew</c> is false when an identical message came before.</summary>
    private async Task<(SipMessage Message, bool IsNew)> ReceiveAsync(TimeSpan timeout, TimeSpan? reported = null)
    {
        UdpReceiveResult result;
        // Cancel the receive itself on timeout: an abandoned receive would swallow the next datagram.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            result = await _socket.ReceiveAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Nothing new received within {reported ?? timeout}.");
        }
        Phone ??= result.RemoteEndPoint;
        var message = SipMessageParser.Parse(result.Buffer);
        Received.Add(message);
        return (message, _seen.Add(message.ToString()));
    }

    private static string FirstLine(string text) => text[..Math.Max(0, text.IndexOf('\r', StringComparison.Ordinal))];

    private static void Log(string line)
    {
        try
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"[ScriptedPeer] {line}");
        }
        catch (InvalidOperationException)
        {
        }
    }

    public Task SendAsync(SipMessage message) => SendAsync(message.ToBytes());

    /// <summary>Sends to an explicit end point (before the phone has sent us anything).</summary>
    public async Task SendToAsync(string text, IPEndPoint to)
    {
        Phone ??= to;
        await _socket.SendAsync(Encoding.UTF8.GetBytes(text), to, TestContext.Current.CancellationToken);
    }

    public async Task SendAsync(byte[] bytes) =>
        await _socket.SendAsync(bytes, Phone ?? throw new InvalidOperationException("No phone yet."), TestContext.Current.CancellationToken);

    /// <summary>A response to a request, with our To tag, an optional Contact and SDP body.</summary>
    public SipResponse Respond(SipRequest request, int status, string reason, string toTag, string? sdp = null)
    {
        var response = SipResponse.For(request, status, reason, toTag);
        response.Headers.Add("Contact", $"<sip:callee@127.0.0.1:{Port}>");
        if (sdp is not null)
        {
            response.Headers.Add("Content-Type", "application/sdp");
            response.Body = Encoding.UTF8.GetBytes(sdp);
        }
        return response;
    }

    /// <summary>An in-dialog request from the callee side (From/To swapped, §12.2.1.1).</summary>
    public SipRequest InDialogRequest(string method, SipRequest invite, string ourTag, uint cseq, string? toTagOverride = null,
        string? callIdOverride = null, string? contentType = null, string? body = null)
    {
        var request = new SipRequest(method, invite.Contact!.Uri);
        request.Headers.Add("Via", $"SIP/2.0/UDP 127.0.0.1:{Port};branch=z9hG4bK{method}{cseq}{Guid.NewGuid():N}");
        request.Headers.Add("Max-Forwards", "70");
        request.Headers.Add("From", $"<sip:callee@127.0.0.1:{Port}>;tag={ourTag}");
        request.Headers.Add("To", invite.From.WithParameter("tag", toTagOverride ?? invite.From.Tag).ToString());
        request.Headers.Add("Call-ID", callIdOverride ?? invite.CallId);
        request.Headers.Add("CSeq", $"{cseq} {method}");
        request.Headers.Add("Contact", $"<sip:callee@127.0.0.1:{Port}>");
        if (body is not null)
        {
            request.Headers.Add("Content-Type", contentType ?? "application/sdp");
            request.Body = Encoding.UTF8.GetBytes(body);
        }
        return request;
    }

    public static string Sdp(int rtpPort, string direction = "sendrecv", int version = 1) =>
        $"v=0\r\no=- 42 {version} IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n" +
        $"m=audio {rtpPort} RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=x-unknown:1\r\na={direction}\r\n";

    public void Dispose() => _socket.Dispose();
}
