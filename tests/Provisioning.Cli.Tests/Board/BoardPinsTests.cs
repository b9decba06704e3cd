using Provisioning.Cli.Commands.Board;
using Provisioning.Cli.Output;
using Provisioning.Cli.Tests.Support;

namespace Provisioning.Cli.Tests.Board;

public sealed class BoardPinsTests : IDisposable
{
    private readonly TestFolder _folder = new();

    [Fact]
    public async Task Pins_prints_the_header_with_bcm_and_physical_numbers()
    {
        var result = await CliHarness.Run("board", "pins");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var row = result.Out.Split('\n').Single(l => l.Contains("GPIO 17", StringComparison.Ordinal));
        Assert.Contains(" 11 ", row, StringComparison.Ordinal);
        Assert.Contains(" 12 ", row, StringComparison.Ordinal);
        Assert.Contains("reserved: HAT EEPROM", result.Out, StringComparison.Ordinal);
        Assert.Contains("I2C SDA", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_site_file_each_pin_shows_what_is_wired_to_it()
    {
        var site = _folder.File("site.yaml");
        await CliHarness.Run("site", "init", "--out", site, "--no-input", "--site-id", "s", "--site-name", "S", "--device-id", "d", "--driver", "virtual", "--template", "intruder-reception");

        var result = await CliHarness.Run("board", "pins", "--site", site);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains(result.Out.Split('\n'), l => l.Contains("accueil (button)", StringComparison.Ordinal) && l.Contains("GPIO 17", StringComparison.Ordinal));
        Assert.Contains(result.Out.Split('\n'), l => l.Contains("sirene (siren)", StringComparison.Ordinal) && l.Contains("GPIO 22", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_invalid_site_file_exits_1_and_points_to_validate()
    {
        var site = _folder.File("bad.yaml");
        await File.WriteAllTextAsync(site, "site: [", TestContext.Current.CancellationToken);

        var result = await CliHarness.Run("board", "pins", "--site", site);

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("provision site validate", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_header_table_is_the_standard_40_pin_layout()
    {
        var pins = RaspberryPiHeader.Pins;
        Assert.Equal(Enumerable.Range(1, 40), pins.Select(p => p.Physical));
        Assert.Equal(Enumerable.Range(0, 28), pins.Where(p => p.Bcm is not null).Select(p => p.Bcm!.Value).Order());
        Assert.Equal([6, 9, 14, 20, 25, 30, 34, 39], pins.Where(p => p.Kind == HeaderPinKind.Ground).Select(p => p.Physical));
        Assert.Equal(11, RaspberryPiHeader.ByBcm(17)!.Physical);
        Assert.Equal(40, RaspberryPiHeader.ByBcm(21)!.Physical);
        Assert.Equal(9, RaspberryPiHeader.NearestGround(11));
    }

    public void Dispose() => _folder.Dispose();
}
