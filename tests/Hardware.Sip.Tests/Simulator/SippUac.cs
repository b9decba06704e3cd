using System.Globalization;
using Hardware.Sip.Tests.Peers;

namespace Hardware.Sip.Tests.Simulator;

/// <summary>
/// SIPp (Debian package <c>sip-tester</c>) as a caller: one call of a UAC scenario to 127.0.0.1:port, with its own
/// SIP and media ports. Exit code 0 means every message came as the scenario expects.
/// </summary>
internal sealed class SippUac : IAsyncDisposable
{
    private readonly TempDirectory _directory;

    private SippUac(TempDirectory directory, PeerProcess process, int mediaPort)
    {
        _directory = directory;
        Process = process;
        MediaPort = mediaPort;
    }

    public PeerProcess Process { get; }

    /// <summary>SIPp's media port (<c>-mp</c>, <c>[media_port]</c> in scenarios): its RTP comes from there.</summary>
    public int MediaPort { get; }

    /// <summary>The SIP messages SIPp saw and sent (its -trace_msg file).</summary>
    public string Messages => ReadFile("messages.log");

    /// <summary>Writes the scenario (and files next to it) and starts one call to <c>service@127.0.0.1:port</c>.</summary>
    public static SippUac Start(string scenarioXml, int remotePort, string service, IReadOnlyDictionary<string, byte[]>? files = null,
        IReadOnlyList<string>? extraArguments = null)
    {
        var directory = new TempDirectory();
        try
        {
            File.WriteAllText(directory.File("scenario.xml"), scenarioXml.Replace("{dir}", directory.Path, StringComparison.Ordinal));
            foreach (var (name, bytes) in files ?? new Dictionary<string, byte[]>())
            {
                File.WriteAllBytes(directory.File(name), bytes);
            }
            var mediaPort = FreePorts.NextEvenPair();
            var process = PeerProcess.Start("sipp", "sip-tester",
                ["-sf", directory.File("scenario.xml"), "127.0.0.1:" + remotePort.ToString(CultureInfo.InvariantCulture),
                 "-s", service, "-i", "127.0.0.1", "-p", FreePorts.Next().ToString(CultureInfo.InvariantCulture),
                 "-mi", "127.0.0.1", "-mp", mediaPort.ToString(CultureInfo.InvariantCulture),
                 "-m", "1", "-nostdin", "-timeout", "20s", "-timeout_error",
                 "-trace_msg", "-message_file", directory.File("messages.log"),
                 "-trace_err", "-error_file", directory.File("errors.log"), .. extraArguments ?? []],
                directory.Path);
            return new SippUac(directory, process, mediaPort);
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>Waits for SIPp to finish its call: 0 = the scenario passed.</summary>
    public Task<int> WaitForExitAsync() => Process.WaitForExitAsync(TimeSpan.FromSeconds(20));

    private string ReadFile(string name) => File.Exists(_directory.File(name)) ? File.ReadAllText(_directory.File(name)) : string.Empty;

    public async ValueTask DisposeAsync()
    {
        var messages = Messages;
        await Process.DisposeAsync();
        var errors = ReadFile("errors.log");
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
