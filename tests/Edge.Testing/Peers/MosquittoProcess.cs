using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Edge.Testing.Peers;

/// <summary>
/// A real mosquitto (Debian package <c>mosquitto</c>) on 127.0.0.1 and a free port, with a password file made by
/// <c>mosquitto_passwd</c> and the given ACL. Can be killed and started again on the same port (its in-memory
/// sessions die with it, as on a real broker restart without persistence).
/// </summary>
public sealed class MosquittoProcess : IAsyncDisposable
{
    private readonly string _directory;
    private readonly string _conf;
    private readonly StringBuilder _log = new();
    private Process? _process;

    private MosquittoProcess(string directory, string conf, int port)
    {
        _directory = directory;
        _conf = conf;
        Port = port;
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

    public static async Task<MosquittoProcess> StartAsync(IEnumerable<(string User, string Password)> users, string acl, CancellationToken cancellationToken)
    {
        var mosquitto = Find("mosquitto");
        var passwd = Find("mosquitto_passwd");
        var directory = Directory.CreateTempSubdirectory("mosquitto-").FullName;
        var passwords = Path.Combine(directory, "passwords");
        var aclFile = Path.Combine(directory, "acl");
        var conf = Path.Combine(directory, "mosquitto.conf");

        await File.WriteAllTextAsync(passwords, string.Empty, cancellationToken);
        foreach (var (user, password) in users)
        {
            await RunAsync(passwd, cancellationToken, "-b", passwords, user, password);
        }

        await File.WriteAllTextAsync(aclFile, acl, cancellationToken);
        var port = FreePort();
        var config = new StringBuilder()
            .AppendLine($"listener {port} 127.0.0.1")
            .AppendLine("allow_anonymous false")
            .AppendLine("set_tcp_nodelay true")
            .AppendLine($"password_file {passwords}")
            .AppendLine($"acl_file {aclFile}")
            .AppendLine("persistence false")
            .AppendLine("max_queued_messages 100000")
            .AppendLine("log_dest stderr")
            .AppendLine("log_type error")
            .AppendLine("log_type warning")
            .AppendLine("log_type notice");
        if (Environment.UserName == "root")
        {
            // Started as root (CI), mosquitto would switch to the 'mosquitto' user and lose access to these files.
            config.AppendLine("user root");
        }

        await File.WriteAllTextAsync(conf, config.ToString(), cancellationToken);
        var broker = new MosquittoProcess(directory, conf, port);
        await broker.LaunchAsync(cancellationToken);
        return broker;
    }

    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        await KillAsync();
        await LaunchAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task LaunchAsync(CancellationToken cancellationToken)
    {
        var process = new Process
        {
            StartInfo = new ProcessStartInfo(Find("mosquitto"), ["-c", _conf]) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false },
        };
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        _process = process;

        // Ready when it accepts a TCP connection; a restart may find the port in TIME_WAIT for a moment.
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(20));
        using var retry = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"mosquitto exited with {process.ExitCode}: {Log}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port, cts.Token);
                return;
            }
            catch (SocketException)
            {
                await retry.WaitForNextTickAsync(cts.Token);
            }
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }

    private static string Find(string name)
    {
        foreach (var dir in new[] { "/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin" })
        {
            var path = Path.Combine(dir, name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new InvalidOperationException($"'{name}' is not installed: install the Debian package 'mosquitto' (apt-get install mosquitto), as .ci/run does.");
    }

    private static async Task RunAsync(string file, CancellationToken cancellationToken, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, UseShellExecute = false })!;
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} failed: {await process.StandardError.ReadToEndAsync(cancellationToken)}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
