namespace Hardware.Sip.Tests.Peers;

/// <summary>
/// SIPp (Debian package <c>sip-tester</c>) running one UAS scenario for one call on 127.0.0.1, with
/// its media on a port of its own. Exit code 0 means the scenario went exactly as scripted.
/// </summary>
internal sealed class SippPeer : IAsyncDisposable
{
    private readonly TempDirectory _directory;

    private SippPeer(TempDirectory directory, PeerProcess process, int port, int mediaPort)
    {
        _directory = directory;
        Process = process;
        Port = port;
        MediaPort = mediaPort;
    }

    public PeerProcess Process { get; }

    public int Port { get; }

    public int MediaPort { get; }

    public static async Task<SippPeer> StartUasAsync(string scenario, string transport = "u1")
    {
        var directory = new TempDirectory();
        var port = FreePorts.Next();
        var mediaPort = FreePorts.NextEvenPair();
        var scenarioPath = Path.Combine(AppContext.BaseDirectory, "Peers", "Scenarios", scenario);
        PeerProcess? process = null;
        try
        {
            process = PeerProcess.Start("sipp", "sip-tester",
                ["-sf", scenarioPath, "-i", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                 "-mi", "127.0.0.1", "-mp", mediaPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                 "-t", transport, "-m", "1", "-nostdin", "-timeout", "30s", "-timeout_error",
                 "-trace_msg", "-message_file", directory.File("messages.log"),
                 "-trace_err", "-error_file", directory.File("errors.log")],
                directory.Path);
            await UdpProbe.WaitForUdpBindAsync(port, TimeSpan.FromSeconds(10), process);
            return new SippPeer(directory, process, port, mediaPort);
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

    /// <summary>Waits for SIPp to finish its one call and returns its exit code (0 = scenario passed).</summary>
    public Task<int> WaitForExitAsync() => Process.WaitForExitAsync(TimeSpan.FromSeconds(20));

    /// <summary>The SIP messages SIPp saw and sent (its -trace_msg file).</summary>
    public string Messages => File.Exists(_directory.File("messages.log")) ? File.ReadAllText(_directory.File("messages.log")) : string.Empty;

    public async ValueTask DisposeAsync()
    {
        var messages = Messages;
        await Process.DisposeAsync();
        var errors = File.Exists(_directory.File("errors.log")) ? File.ReadAllText(_directory.File("errors.log")) : string.Empty;
        try
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"----- sipp messages -----\n{messages}\n----- sipp errors -----\n{errors}");
        }
        catch (InvalidOperationException)
        {
        }
        _directory.Dispose();
    }
}
