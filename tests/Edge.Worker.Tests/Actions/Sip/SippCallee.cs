using System.Globalization;
using Hardware.Sip.Tests.Peers;

namespace Edge.Worker.Tests.Actions.Sip;

/// <summary>
/// Somebody the box calls, played by SIPp (Debian package <c>sip-tester</c>) on 127.0.0.1 with one of the SIP
/// author's UAS scenarios (tests/Hardware.Sip.Tests/Peers/Scenarios) or one of ours, for a given number of calls.
/// Its exit code says whether our side followed the script (0 = every call went as scripted).
/// </summary>
internal sealed class SippCallee : IAsyncDisposable
{
    private readonly TempDirectory _directory;

    private SippCallee(TempDirectory directory, PeerProcess process, int port)
    {
        _directory = directory;
        Process = process;
        Port = port;
    }

    public PeerProcess Process { get; }

    public int Port { get; }

    /// <summary>Answers like <c>uas_dtmf.xml</c>: rings, answers, sends RFC 4733 digit 1 after a second, waits for BYE.</summary>
    public static Task<SippCallee> AcknowledgingAsync(int calls = 1) => StartAsync("uas_dtmf.xml", calls);

    /// <summary>Answers 486 Busy Here.</summary>
    public static Task<SippCallee> BusyAsync(int calls = 1) => StartAsync("uas_busy.xml", calls);

    /// <summary>Rings until it gets a CANCEL, then 487.</summary>
    public static Task<SippCallee> RingingAsync(int calls = 1) => StartAsync("uas_noanswer.xml", calls);

    public static async Task<SippCallee> StartAsync(string scenario, int calls = 1)
    {
        var directory = new TempDirectory();
        var port = FreePorts.Next();
        var mediaPort = FreePorts.NextEvenPair();
        PeerProcess? process = null;
        try
        {
            process = PeerProcess.Start("sipp", "sip-tester",
                ["-sf", Path.Combine(AppContext.BaseDirectory, "Peers", "Scenarios", scenario),
                 "-i", "127.0.0.1", "-p", Text(port), "-mi", "127.0.0.1", "-mp", Text(mediaPort),
                 "-t", "u1", "-m", Text(calls), "-nostdin", "-timeout", "60s", "-timeout_error",
                 "-trace_msg", "-message_file", directory.File("messages.log"),
                 "-trace_err", "-error_file", directory.File("errors.log")],
                directory.Path);
            await UdpProbe.WaitForUdpBindAsync(port, TimeSpan.FromSeconds(10), process);
            return new SippCallee(directory, process, port);
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

    public string Uri(string user) => $"sip:{user}@127.0.0.1:{Port}";

    /// <summary>The SIP messages SIPp saw and sent.</summary>
    public string Messages => File.Exists(_directory.File("messages.log")) ? File.ReadAllText(_directory.File("messages.log")) : string.Empty;

    /// <summary>Waits for SIPp to finish its calls; 0 means each went exactly as scripted.</summary>
    public Task<int> WaitForExitAsync() => Process.WaitForExitAsync(TimeSpan.FromSeconds(20));

    public async ValueTask DisposeAsync()
    {
        var messages = Messages;
        await Process.DisposeAsync();
        try
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"----- sipp messages -----\n{messages}");
        }
        catch (InvalidOperationException)
        {
        }

        _directory.Dispose();
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
