using System.Diagnostics;
using System.Threading.Channels;

namespace Edge.Testing.Processes;

/// <summary>
/// A real child process whose output lines can be awaited, and which can be killed with SIGKILL (no cleanup of any
/// kind runs in the child), as a power-less crash of the service would.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly List<string> _allLines = [];
    private int _closedStreams;

    private ChildProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => OnLine(e.Data, prefix: string.Empty);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data, prefix: "stderr: ");
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Every line printed so far (stdout, and stderr prefixed), for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_allLines)
            {
                return string.Join(Environment.NewLine, _allLines);
            }
        }
    }

    /// <summary>Starts <c>dotnet Edge.Testing.dll args</c>: this assembly's own helper modes (see Program.cs).</summary>
    public static ChildProcess StartHelper(params string[] args) =>
        Start("dotnet", [typeof(ChildProcess).Assembly.Location, .. args]);

    public static ChildProcess Start(string fileName, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var child = new ChildProcess(process);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Reads the next stdout/stderr line; null when the process has ended.</summary>
    public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _lines.Reader.ReadAsync(cancellationToken);
        }
        catch (ChannelClosedException)
        {
            return null;
        }
    }

    /// <summary>Waits for a line that satisfies <paramref name="match"/>; fails with everything printed if the process ends first.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            while (await ReadLineAsync(cts.Token) is { } line)
            {
                if (match(line))
                {
                    return line;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No matching line within {timeout}. Output so far:{Environment.NewLine}{Output}");
        }

        throw new InvalidOperationException($"The process ended before printing a matching line. Output:{Environment.NewLine}{Output}");
    }

    /// <summary>SIGKILL: the process stops at once, mid-instruction, with no chance to flush or clean up.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>Waits for the process to end by itself; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGTERM: the graceful stop systemd asks for.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            _ = SendSignal(_process.Id, 15);
        }

        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    private void OnLine(string? line, string prefix)
    {
        if (line is null)
        {
            // A null line is the end of one stream; with both closed, the process will print nothing more.
            if (Interlocked.Increment(ref _closedStreams) == 2)
            {
                _lines.Writer.TryComplete();
            }

            return;
        }

        line = prefix + line;
        lock (_allLines)
        {
            _allLines.Add(line);
        }

        _lines.Writer.TryWrite(line);
    }
}
