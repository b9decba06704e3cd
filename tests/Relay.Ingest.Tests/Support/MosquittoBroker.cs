using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MQTTnet;
using Relay.Core.Devices;
using Relay.Ingest.Authorization;

namespace Relay.Testing;

/// <summary>
/// A real mosquitto (Debian package <c>mosquitto</c>) started for one test on 127.0.0.1 and a free port, with a
/// password file made by <c>mosquitto_passwd</c> and the ACL file from the relay's generator; or (<see cref="StartTlsAsync"/>)
/// with the configuration the relay exports for TLS. Killed at the end.
/// </summary>
internal sealed class MosquittoBroker : IAsyncDisposable
{
    public const string RelayUser = "relay";

    public const string RelayPassword = "relay-test-password-1";

    private readonly TempDirectory _directory;
    private readonly string _mosquitto;
    private readonly string _conf;
    private readonly StringBuilder _log = new();
    private readonly bool _tlsOnly;
    private Process _process = null!;

    private MosquittoBroker(TempDirectory directory, string mosquitto, string conf, int port, bool tlsOnly = false)
    {
        _directory = directory;
        _mosquitto = mosquitto;
        _conf = conf;
        Port = port;
        _tlsOnly = tlsOnly;
    }

    public int Port { get; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<MosquittoBroker> StartAsync(params (DeviceId Id, string Password)[] devices)
    {
        var mosquitto = Find("mosquitto");
        var passwd = Find("mosquitto_passwd");
        var directory = new TempDirectory();
        var passwords = directory.File("passwords");
        var acl = directory.File("acl");
        var conf = directory.File("mosquitto.conf");

        await RunAsync(passwd, "-c", "-b", passwords, RelayUser, RelayPassword);
        foreach (var (id, password) in devices)
        {
            await RunAsync(passwd, "-b", passwords, id.Username, password);
        }

        await File.WriteAllTextAsync(acl, MosquittoAcl.Generate(RelayUser, devices.Select(d => d.Id)), TestContext.Current.CancellationToken);
        var port = FreePort();
        var config = new StringBuilder()
            .AppendLine($"listener {port} 127.0.0.1")
            .AppendLine("allow_anonymous false")
            .AppendLine("set_tcp_nodelay true")
            .AppendLine($"password_file {passwords}")
            .AppendLine($"acl_file {acl}")
            .AppendLine("persistence false")
            .AppendLine("log_dest stderr")
            .AppendLine("log_type error")
            .AppendLine("log_type warning")
            .AppendLine("log_type notice")
            .AppendLine("log_type information");

        // Started as root (CI), mosquitto would drop to the 'mosquitto' user and lose access to these files.
        if (Environment.UserName == "root")
        {
            config.AppendLine("user root");
        }

        await File.WriteAllTextAsync(conf, config.ToString(), TestContext.Current.CancellationToken);

        var broker = new MosquittoBroker(directory, mosquitto, conf, port);
        try
        {
            await broker.LaunchAsync();
        }
        catch
        {
            await broker.DisposeAsync();
            throw;
        }

        return broker;
    }

    /// <summary>
    /// mosquitto configured by the relay's export (<c>devices export-mosquitto</c>): <paramref name="exportedConfiguration"/>
    /// is its mosquitto.conf, whose TLS listener is on 127.0.0.1 and <paramref name="port"/> (from <see cref="FreePort"/>).
    /// Only logging is added. Ready once the TLS listener accepts TCP connections.
    /// </summary>
    public static async Task<MosquittoBroker> StartTlsAsync(string exportedConfiguration, int port)
    {
        var directory = new TempDirectory();
        var conf = directory.File("mosquitto.conf");
        var config = new StringBuilder(await File.ReadAllTextAsync(exportedConfiguration, TestContext.Current.CancellationToken))
            .AppendLine("persistence false")
            .AppendLine("log_dest stderr")
            .AppendLine("log_type all");
        if (Environment.UserName == "root")
        {
            config.AppendLine("user root");
        }

        await File.WriteAllTextAsync(conf, config.ToString(), TestContext.Current.CancellationToken);
        var broker = new MosquittoBroker(directory, Find("mosquitto"), conf, port, tlsOnly: true);
        try
        {
            await broker.LaunchAsync();
        }
        catch
        {
            await broker.DisposeAsync();
            throw;
        }

        return broker;
    }

    /// <summary>Kills mosquitto (its in-memory sessions and subscriptions die with it) and starts it again on the same port.</summary>
    public async Task RestartAsync()
    {
        await KillAsync();
        await LaunchAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _directory.Dispose();
    }

    private async Task LaunchAsync()
    {
        _process = new Process
        {
            StartInfo = new ProcessStartInfo(_mosquitto, ["-c", _conf])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            },
        };
        _process.ErrorDataReceived += (_, e) => Append(_log, e.Data);
        _process.OutputDataReceived += (_, e) => Append(_log, e.Data);
        _process.Start();
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        await WaitUntilAcceptingAsync();
    }

    private async Task KillAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var token = Bounded.Token();
            await _process.WaitForExitAsync(token.Token);
        }

        _process.Dispose();
        _process = null!;
    }

    /// <summary>Ready means: accepts the relay's MQTT login (a TCP connection, for a TLS-only broker). Tries until it
    /// does, the process dies, or the bound runs out.</summary>
    private async Task WaitUntilAcceptingAsync()
    {
        using var token = Bounded.Token();
        if (_tlsOnly)
        {
            await WaitUntilListeningAsync(token.Token);
            return;
        }

        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", Port)
            .WithCredentials(RelayUser, RelayPassword)
            .WithClientId("readiness-probe")
            .WithTimeout(TimeSpan.FromSeconds(2))
            .Build();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"mosquitto exited with code {_process.ExitCode}:\n{Log}");
            }

            using var probe = new MqttClientFactory().CreateMqttClient();
            try
            {
                var result = await probe.ConnectAsync(options, token.Token);
                if (result.ResultCode == MqttClientConnectResultCode.Success)
                {
                    await probe.DisconnectAsync(cancellationToken: token.Token);
                    return;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Not listening yet: connection refused. Try again right after a short, bounded pause.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), token.Token);
        }
    }

    private async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"mosquitto exited with code {_process.ExitCode}:\n{Log}");
            }

            using var tcp = new TcpClient();
            try
            {
                await tcp.ConnectAsync(IPAddress.Loopback, Port, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }

    private static string Find(string program)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(["/usr/sbin", "/usr/bin", "/sbin"]))
        {
            var candidate = Path.Combine(directory, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"'{program}' was not found. These tests run a real mosquitto broker: install the Debian package 'mosquitto' " +
            "(apt-get install mosquitto); CI installs it in .ci/run.");
    }

    private static async Task RunAsync(string program, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        using var token = Bounded.Token();
        var error = await process.StandardError.ReadToEndAsync(token.Token);
        await process.WaitForExitAsync(token.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args.Where(a => !a.Contains("password", StringComparison.Ordinal)))} failed ({process.ExitCode}): {error}");
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }
}
