using System.Net;
using System.Net.Sockets;
using System.Text;
using Hardware.Sip.Messages;

namespace Hardware.Sip.Tests.Peers;

/// <summary>
/// A hand-driven SIP peer on a loopback UDP socket, for exchanges the packaged peers cannot script
/// easily (re-INVITE, UPDATE, 481, a 200 crossing a CANCEL, challenges on INVITE, silence).
/// </summary>
internal sealed class ScriptedPeer : IDisposable
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);
    private readonly UdpClient _socket = new(new IPEndPoint(IPAddress.Loopback, 0));

    public int Port => ((IPEndPoint)_socket.Client.LocalEndPoint!).Port;

    /// <summary>Where the phone sends from (learned from the first request).</summary>
    public IPEndPoint? Phone { get; private set; }

    /// <summary>Every message received, in order.</summary>
    public List<SipMessage> Received { get; } = [];

    public async Task<SipRequest> ExpectRequestAsync(string method, TimeSpan? timeout = null)
    {
        var message = await ReceiveAsync(timeout ?? s_wait);
        var request = Assert.IsType<SipRequest>(message);
        Assert.Equal(method, request.Method);
        return request;
    }

    public async Task<SipResponse> ExpectResponseAsync(TimeSpan? timeout = null) =>
        Assert.IsType<SipResponse>(await ReceiveAsync(timeout ?? s_wait));

    /// <summary>Waits for a message; null after <paramref name="timeout"/> of silence.</summary>
    public async Task<SipMessage?> TryReceiveAsync(TimeSpan timeout)
    {
        try
        {
            return await ReceiveAsync(timeout);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    private async Task<SipMessage> ReceiveAsync(TimeSpan timeout)
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
            throw new TimeoutException($"Nothing received within {timeout}.");
        }
        Phone ??= result.RemoteEndPoint;
        var message = SipMessageParser.Parse(result.Buffer);
        Received.Add(message);
        return message;
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
