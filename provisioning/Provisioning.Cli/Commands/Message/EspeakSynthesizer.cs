using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Provisioning.Cli.Output;

namespace Provisioning.Cli.Commands.Message;

/// <summary>
/// Speaks text with espeak-ng (Debian package espeak-ng) and returns its WAV (22050 Hz mono 16-bit). The text goes
/// through standard input, never the command line: a message that starts with '-' is still a message.
/// </summary>
internal sealed class EspeakSynthesizer(string executable)
{
    public const string DebianPackage = "espeak-ng";

    public async Task<byte[]> SpeakAsync(string text, string voice, int wordsPerMinute, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,

            // No byte-order mark: espeak-ng would read it as text.
            StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        };
        foreach (var argument in new[] { "-v", voice, "-s", wordsPerMinute.ToString(CultureInfo.InvariantCulture), "--stdin", "--stdout" })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start.");
        }
        catch (Win32Exception exception)
        {
            throw new CheckFailedException($"Cannot run {executable}: {exception.Message}. The spoken message is made with espeak-ng, which is not installed.", exception)
            {
                Hint = $"Install the Debian package: sudo apt-get install {DebianPackage}",
            };
        }

        using (process)
        {
            try
            {
                var audio = new MemoryStream();
                var reading = process.StandardOutput.BaseStream.CopyToAsync(audio, cancellationToken);
                var errors = process.StandardError.ReadToEndAsync(cancellationToken);
                await FeedAsync(process.StandardInput, text, cancellationToken).ConfigureAwait(false);
                await reading.ConfigureAwait(false);
                var errorText = (await errors.ConfigureAwait(false)).Trim();
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);

                if (process.ExitCode != 0 || audio.Length == 0)
                {
                    var unknownVoice = errorText.Contains("voice", StringComparison.OrdinalIgnoreCase);
                    throw new CheckFailedException($"espeak-ng failed (exit {process.ExitCode}): {(errorText.Length > 0 ? errorText : "no audio produced")}")
                    {
                        Hint = unknownVoice ? $"'{voice}' is not an espeak-ng voice; 'espeak-ng --voices=fr' lists the French ones (fr, fr-be, fr-ch…)." : null,
                    };
                }

                return audio.ToArray();
            }
            finally
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }
        }
    }

    /// <summary>
    /// Writes the text and closes the pipe. espeak-ng exits before reading when the voice is unknown: the broken
    /// pipe is then expected, and its exit code and message say why.
    /// </summary>
    private static async Task FeedAsync(StreamWriter input, string text, CancellationToken cancellationToken)
    {
        try
        {
            await input.WriteAsync(text.AsMemory(), cancellationToken).ConfigureAwait(false);
            input.Close();
        }
        catch (IOException)
        {
            // Reported through the exit code below.
        }
    }
}
