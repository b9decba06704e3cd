using System.Globalization;

namespace Hardware.Sip.Tests.Peers;

/// <summary>
/// baresip (Debian package <c>baresip</c>) answering automatically as <c>speaker</c> on 127.0.0.1,
/// pinned to the loopback address (it otherwise advertises eth0 in its SDP), with the sndfile module
/// recording what it hears to WAV: the oracle for "did the callee hear our message".
/// </summary>
internal sealed class BaresipPeer : IAsyncDisposable
{
    private readonly TempDirectory _directory;

    private BaresipPeer(TempDirectory directory, PeerProcess process, int port, int controlPort)
    {
        _directory = directory;
        Process = process;
        Port = port;
        ControlPort = controlPort;
    }

    /// <summary>The ctrl_tcp port (netstring JSON commands, e.g. sndcode to send DTMF).</summary>
    public int ControlPort { get; }

    public PeerProcess Process { get; }

    public int Port { get; }

    public string DumpDirectory => _directory.File("dump");

    /// <param name="sourceWav">What baresip plays to us; long enough that it does not hang up at end of file.</param>
    public static async Task<BaresipPeer> StartAsync(byte[] sourceWav)
    {
        var directory = new TempDirectory();
        var port = FreePorts.Next();
        Directory.CreateDirectory(directory.File("dump"));
        await File.WriteAllBytesAsync(directory.File("source.wav"), sourceWav);
        var rtpLow = FreePorts.NextEvenPair();
        var controlPort = FreePorts.Next();
        await File.WriteAllTextAsync(directory.File("config"), $"""
            poll_method     epoll
            sip_listen      127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}
            net_interface   127.0.0.1
            call_local_timeout 120
            call_max_calls  4
            audio_player    aubridge,nil
            audio_source    aufile,{directory.File("source.wav")}
            audio_alert     aubridge,nil
            audio_level     no
            ausrc_format    s16
            auplay_format   s16
            auenc_format    s16
            audec_format    s16
            audio_buffer    20-160
            rtcp_mux        no
            jitter_buffer_delay 5-10
            rtp_stats       no
            rtp_ports       {rtpLow.ToString(CultureInfo.InvariantCulture)}-{(rtpLow + 1).ToString(CultureInfo.InvariantCulture)}
            module_path     /usr/lib/baresip/modules
            module          g711.so
            module          sndfile.so
            module          aubridge.so
            module          aufile.so
            module_tmp      uuid.so
            module_tmp      account.so
            module_app      menu.so
            module_app      ctrl_tcp.so
            ctrl_tcp_listen 127.0.0.1:{controlPort.ToString(CultureInfo.InvariantCulture)}
            snd_path        {directory.File("dump")}
            """);
        await File.WriteAllTextAsync(directory.File("accounts"),
            "<sip:speaker@127.0.0.1>;answermode=auto;regint=0;audio_codecs=pcmu,pcma\n");
        PeerProcess? process = null;
        try
        {
            process = PeerProcess.Start("baresip", "baresip", ["-f", directory.Path, "-t", "60"], directory.Path);
            await process.WaitForLineAsync(l => l.Contains("baresip is ready", StringComparison.Ordinal), TimeSpan.FromSeconds(15));
            await UdpProbe.WaitForUdpBindAsync(port, TimeSpan.FromSeconds(5), process);
            return new BaresipPeer(directory, process, port, controlPort);
        }
        catch
        {
            if (process is not null)
            {
                await process.DisposeAsync();
            }
            directory.Dispose();
            throw;
        }
    }

    /// <summary>The WAV of what baresip decoded from us (sndfile's <c>*-dec.wav</c>), once it is complete.</summary>
    public string? DecodedRecording() =>
        Directory.GetFiles(DumpDirectory, "*dec.wav").OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault();

    /// <summary>Sends one ctrl_tcp command (a netstring holding JSON, as baresip's ctrl_tcp module expects).</summary>
    public async Task SendCommandAsync(string command, string parameters)
    {
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(System.Net.IPAddress.Loopback, ControlPort, TestContext.Current.CancellationToken);
        var json = $"{{\"command\":\"{command}\",\"params\":\"{parameters}\",\"token\":\"t1\"}}";
        var netstring = System.Text.Encoding.ASCII.GetBytes($"{json.Length.ToString(CultureInfo.InvariantCulture)}:{json},");
        var stream = client.GetStream();
        await stream.WriteAsync(netstring, TestContext.Current.CancellationToken);
        // Wait for baresip's reply so the command has been executed before we go on.
        var buffer = new byte[1024];
        _ = await stream.ReadAsync(buffer, TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        _directory.Dispose();
    }
}
