using System.Diagnostics;
using System.Text;

namespace Hardware.Sip.Tests.Peers;

/// <summary>
/// A real SIP peer (sipp, kamailio, baresip) run as a child process: output captured line by line so
/// tests can await a line, killed with its children at the end even when the test fails.
/// </summary>
internal sealed class PeerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Signal)> _waiters = [];
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PeerProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public Task<int> Exited => _exited.Task;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts a binary, failing with the Debian package to install when it is missing.</summary>
    public static PeerProcess Start(string binary, string debianPackage, IEnumerable<string> arguments, string workingDirectory)
    {
        var path = FindOnPath(binary) ?? throw new InvalidOperationException(
            $"'{binary}' is not installed: install the Debian package '{debianPackage}' (apt-get install {debianPackage}).");
        var info = new ProcessStartInfo(path)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var peer = new PeerProcess(process, binary);
        process.OutputDataReceived += (_, e) => peer.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => peer.OnLine(e.Data);
        process.Exited += (_, _) => peer._exited.TrySetResult(process.ExitCode);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return peer;
    }

    public static string? FindOnPath(string binary)
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':')
            .Concat(["/usr/sbin", "/usr/bin", "/sbin", "/usr/local/bin"]);
        return directories.Select(d => Path.Combine(d, binary)).FirstOrDefault(File.Exists);
    }

    /// <summary>Waits for an output line matching the predicate (already seen lines count).</summary>
    public Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var signal = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_output)
        {
            var existing = _output.ToString().Split('\n').FirstOrDefault(match);
            if (existing is not null)
            {
                return Task.FromResult(existing);
            }
            _waiters.Add((match, signal));
        }
        return WaitAsync(signal.Task, timeout, "a matching output line");
    }

    public Task<int> WaitForExitAsync(TimeSpan timeout) => WaitAsync(_exited.Task, timeout, "exit");

    private async Task<T> WaitAsync<T>(Task<T> task, TimeSpan timeout, string what)
    {
        try
        {
            return await task.WaitAsync(timeout, TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{Name} did not produce {what} within {timeout}. Output so far:\n{Output}");
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }
        List<TaskCompletionSource<string>> fire = [];
        lock (_output)
        {
            _output.Append(line).Append('\n');
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(line))
                {
                    fire.Add(_waiters[i].Signal);
                    _waiters.RemoveAt(i);
                }
            }
        }
        foreach (var signal in fire)
        {
            signal.TrySetResult(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
        }
        catch (TimeoutException)
        {
        }
        try
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"----- {Name} output -----\n{Output}");
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }
}
