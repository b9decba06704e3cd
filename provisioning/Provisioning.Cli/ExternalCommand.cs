using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Provisioning.Cli;

/// <summary>What an external program said: its exit code and its output (standard output and error, interleaved).</summary>
internal sealed record ExternalResult(int ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The last lines of the output, for an error message.</summary>
    public string Tail(int lines = 15)
    {
        var all = Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join('\n', all.TakeLast(lines));
    }
}

/// <summary>Runs a program with its arguments (no shell, so nothing is ever interpreted) and collects its output.</summary>
internal static class ExternalCommand
{
    /// <summary>Runs it to the end; null when the program is not installed. Cancelling kills it.</summary>
    public static async Task<ExternalResult?> RunAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception)
        {
            return null;
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        lock (output)
        {
            return new ExternalResult(process.ExitCode, output.ToString());
        }

        void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.Append(line).Append('\n');
            }
        }
    }
}
