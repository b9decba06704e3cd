using System.Buffers.Binary;
using Provisioning.Cli.Output;
using Provisioning.Cli.Tests.Support;

namespace Provisioning.Cli.Tests.Message;

/// <summary>Needs espeak-ng (Debian package espeak-ng, installed by .ci/run).</summary>
public sealed class MessageTests : IDisposable
{
    private readonly TestFolder _folder = new();

    [Fact]
    public async Task Message_is_an_8_kHz_mono_16_bit_wav_with_speech_in_it()
    {
        var file = _folder.File("messages/alerte.wav");

        var result = await CliHarness.Run("message", "--text", "Alerte à la mairie annexe. Agression à l'accueil. Appuyez sur 1 pour acquitter.", "--out", file);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var wav = await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken);

        // Read the RIFF header by hand, independently of the tool's own reader.
        Assert.Equal("RIFF"u8.ToArray(), wav[..4]);
        Assert.Equal("WAVE"u8.ToArray(), wav[8..12]);
        Assert.Equal("fmt "u8.ToArray(), wav[12..16]);
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(wav.AsSpan(20)));    // PCM
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(wav.AsSpan(22)));    // mono
        Assert.Equal(8000u, BinaryPrimitives.ReadUInt32LittleEndian(wav.AsSpan(24)));
        Assert.Equal(16, BinaryPrimitives.ReadUInt16LittleEndian(wav.AsSpan(34)));
        Assert.Equal("data"u8.ToArray(), wav[36..40]);
        var dataLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(wav.AsSpan(40));
        Assert.Equal(wav.Length - 44, dataLength);
        Assert.Equal((uint)(wav.Length - 8), BinaryPrimitives.ReadUInt32LittleEndian(wav.AsSpan(4)));

        var samples = new short[dataLength / 2];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(44 + (i * 2)));
        }

        var seconds = samples.Length / 8000.0;
        var rms = Math.Sqrt(samples.Average(s => (double)s * s));
        Assert.InRange(seconds, 2, 20);
        Assert.True(rms > 500, $"RMS {rms}: the message is (nearly) silent");
        Assert.Contains("8000 Hz, mono, 16-bit PCM", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_starting_with_a_dash_is_spoken_not_taken_as_an_option()
    {
        var file = _folder.File("dash.wav");

        var result = await CliHarness.Run("message", "--text=-1 degré, alerte", "--out", file);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
    }

    [Fact]
    public async Task A_missing_espeak_names_the_debian_package()
    {
        var cli = new CliHarness { EspeakExecutable = "/nonexistent/espeak-ng" };

        var result = await cli.RunAsync("message", "--text", "Alerte", "--out", _folder.File("a.wav"));

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("apt-get install espeak-ng", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_voice_is_reported_clearly()
    {
        var result = await CliHarness.Run("message", "--text", "Alerte", "--voice", "klingon-xx", "--out", _folder.File("a.wav"));

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("'klingon-xx' is not an espeak-ng voice", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_text_is_a_usage_error()
    {
        var result = await CliHarness.Run("message", "--text", "  ", "--out", _folder.File("a.wav"));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
    }

    public void Dispose() => _folder.Dispose();
}
