using System.CommandLine;
using System.Globalization;
using Provisioning.Cli.Audio;
using Provisioning.Cli.Output;

namespace Provisioning.Cli.Commands.Message;

/// <summary>
/// <c>message</c>: the spoken alert the box plays to whoever answers its call, as the WAV the site file names
/// (8 kHz mono 16-bit PCM, what a phone line carries).
/// </summary>
internal sealed class MessageCommand : Command
{
    private readonly CliContext _context;

    private readonly Option<string> _text = new("--text") { Description = "What to say, e.g. \"Alerte à la mairie annexe, accueil. Appuyez sur 1 pour acquitter.\"", Required = true };

    private readonly Option<string> _voice = new("--voice") { Description = "The espeak-ng voice: fr (default), fr-be, fr-ch, en…", DefaultValueFactory = _ => "fr" };

    private readonly Option<int> _speed = new("--speed") { Description = "Words per minute; a little slow is clearer on a phone.", DefaultValueFactory = _ => 140 };

    private readonly Option<FileInfo> _out = new("--out", "-o") { Description = "The WAV file to write, e.g. messages/alerte.wav (overwritten if it exists).", Required = true };

    public MessageCommand(CliContext context)
        : base("message", "Make the spoken alert message (espeak-ng) as an 8 kHz mono 16-bit WAV for the phone calls.")
    {
        _context = context;
        _speed.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 80 or > 450)
            {
                result.AddError("--speed must be between 80 and 450 words per minute.");
            }
        });
        Options.Add(_text);
        Options.Add(_voice);
        Options.Add(_speed);
        Options.Add(_out);
        SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var text = parse.GetValue(_text)!;
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new UsageException("--text is empty: there would be nothing to hear.");
        }

        var file = parse.GetValue(_out)!;
        var spoken = await new EspeakSynthesizer(_context.EspeakExecutable)
            .SpeakAsync(text, parse.GetValue(_voice)!, parse.GetValue(_speed), cancellationToken).ConfigureAwait(false);

        var (format, samples) = ReadSpoken(spoken);
        var mono = format.Channels == 1 ? samples : MixDown(samples, format.Channels);
        var telephone = Resampler.Resample(mono, format.SampleRate, PcmFormat.Telephone.SampleRate);
        await AtomicFile.WriteAsync(file, WavFile.Write(PcmFormat.Telephone, telephone), cancellationToken).ConfigureAwait(false);

        var written = await Verify(file, cancellationToken).ConfigureAwait(false);
        _context.Out.WriteSuccess(string.Create(CultureInfo.InvariantCulture,
            $"wrote {file.FullName}: {PcmFormat.Telephone}, {written.Seconds:0.0} s, peak {written.PeakDbfs:0.0} dBFS."));
        return ExitCodes.Success;
    }

    private static (PcmFormat Format, short[] Samples) ReadSpoken(byte[] wav)
    {
        try
        {
            return WavFile.Read(wav);
        }
        catch (WavFormatException exception)
        {
            throw new CheckFailedException($"espeak-ng produced audio this tool cannot read: {exception.Message}", exception) { Hint = "Check the espeak-ng installation: espeak-ng -v fr \"test\"" };
        }
    }

    /// <summary>Reads the written file back, header first, the way the box will, and refuses a silent one.</summary>
    private static async Task<(double Seconds, double PeakDbfs)> Verify(FileInfo file, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(file.FullName, cancellationToken).ConfigureAwait(false);
        var (format, samples) = WavFile.Read(bytes);
        if (format != PcmFormat.Telephone)
        {
            throw new InvalidOperationException($"{file.FullName} was written as {format}, not {PcmFormat.Telephone}.");
        }

        var peak = samples.Length == 0 ? 0 : samples.Max(s => Math.Abs((int)s));
        if (peak < 100)
        {
            throw new CheckFailedException($"{file.FullName} is silent: espeak-ng spoke nothing audible.") { Hint = "Check the text and the voice: espeak-ng -v fr \"test\"" };
        }

        return (samples.Length / (double)format.SampleRate, 20 * Math.Log10(peak / 32768.0));
    }

    private static short[] MixDown(short[] interleaved, int channels)
    {
        var mono = new short[interleaved.Length / channels];
        for (var i = 0; i < mono.Length; i++)
        {
            var sum = 0;
            for (var c = 0; c < channels; c++)
            {
                sum += interleaved[(i * channels) + c];
            }

            mono[i] = (short)(sum / channels);
        }

        return mono;
    }
}
