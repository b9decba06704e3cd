using System.Device.Gpio;
using Hardware.Gpio.Board;
using Hardware.Gpio.Virtual;
using Provisioning.Cli.Output;
using Provisioning.Cli.Tests.Support;
using Spectre.Console.Testing;

namespace Provisioning.Cli.Tests.Wiring;

/// <summary>
/// The wiring test on the virtual board, driven by keys as an installer would drive it: the state the command shows
/// comes from the box's own ButtonWatcher, and the outputs' levels are read back from the virtual driver.
/// </summary>
public sealed class WiringTestTests : IDisposable
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);

    private readonly TestFolder _folder = new();
    private readonly VirtualBoardDriver _driver = new();
    private readonly List<(int Pin, PinValue Value)> _writes = [];

    public WiringTestTests() => _driver.OutputWritten += (_, e) =>
    {
        lock (_writes)
        {
            _writes.Add((e.Pin, e.Value));
        }
    };

    [Fact]
    public async Task Keys_press_a_virtual_button_and_switch_outputs_and_everything_ends_off()
    {
        var site = SiteYaml.Write(_folder, SiteYaml.Bench);
        var (cli, output) = CliHarness.Watched();
        var keys = new ScriptedKeys();
        cli.Keys = keys;
        cli.CreateBoard = (_, _) => GpioBoardFactory.CreateVirtual(_driver);

        var running = cli.RunAsync("wiring", "test", "--site", site, "--duration", "60s");
        await WaitFor(output, "Watching for 60 s");
        Assert.Contains("a-b press/release a virtual button", output.Text, StringComparison.Ordinal);

        keys.Type('a');
        await WaitFor(output, "accueil gesture: single press");
        Assert.Contains("accueil pressed", output.Text, StringComparison.Ordinal);
        keys.Type('a');
        await WaitFor(output, "accueil released");

        keys.Type('1');
        await WaitFor(output, "output sirene ON");
        Assert.Equal(PinValue.Low, _driver.GetOutput(22)); // active-low relay: on is Low
        keys.Type('2');
        await WaitFor(output, "output led ON");
        Assert.Equal(PinValue.High, _driver.GetOutput(24));

        keys.Type('q');
        var result = await running.WaitAsync(s_wait, TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == ExitCodes.Success, result + output.Text);
        Assert.Contains("all 2 output(s) are off", output.Text, StringComparison.Ordinal);
        Assert.Equal(PinValue.High, _driver.GetOutput(22));
        Assert.Equal(PinValue.Low, _driver.GetOutput(24));
        Assert.Contains(output.Text.Split('\n'), l => l.Contains("│ accueil", StringComparison.Ordinal) && l.Contains("│ 1 ", StringComparison.Ordinal) && l.Contains("single press at", StringComparison.Ordinal));
        Assert.Contains("Never pressed during the test: bureau", output.Text, StringComparison.Ordinal);
        lock (_writes)
        {
            // Off before anything else: the first level each output ever got was its off level.
            Assert.Equal(PinValue.High, _writes.First(w => w.Pin == 22).Value);
            Assert.Equal(PinValue.Low, _writes.First(w => w.Pin == 24).Value);
        }
    }

    [Fact]
    public async Task At_a_terminal_the_view_is_live_and_ends_on_its_last_frame()
    {
        var site = SiteYaml.Write(_folder, SiteYaml.Bench);
        var terminal = new TestConsole().Width(200).Interactive().SupportsAnsi(true);
        var keys = new ScriptedKeys();
        var cli = new CliHarness { OutOverride = terminal, Keys = keys, CreateBoard = (_, _) => GpioBoardFactory.CreateVirtual(_driver) };
        keys.Type('a');
        keys.Type('2');
        keys.Type('q');

        var result = await cli.RunAsync("wiring", "test", "--site", site).WaitAsync(s_wait, TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == ExitCodes.Success, result + terminal.Output);
        Assert.Contains("last events", terminal.Output, StringComparison.Ordinal);
        Assert.Contains("accueil gesture: single press", terminal.Output, StringComparison.Ordinal);
        Assert.Contains("output led ON", terminal.Output, StringComparison.Ordinal);
        Assert.Contains("output led off", terminal.Output, StringComparison.Ordinal);
        Assert.Contains("all 2 output(s) are off", terminal.Output, StringComparison.Ordinal);
        Assert.Equal(PinValue.Low, _driver.GetOutput(24));
    }

    [Fact]
    public async Task Ctrl_C_switches_every_output_off_and_exits_130()
    {
        var site = SiteYaml.Write(_folder, SiteYaml.Bench);
        var (cli, output) = CliHarness.Watched();
        var keys = new ScriptedKeys();
        cli.Keys = keys;
        cli.CreateBoard = (_, _) => GpioBoardFactory.CreateVirtual(_driver);
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var running = cli.RunAsync(interrupt.Token, "wiring", "test", "--site", site);
        await WaitFor(output, "Watching");
        keys.Type('1');
        await WaitFor(output, "output sirene ON");
        await interrupt.CancelAsync();
        var result = await running.WaitAsync(s_wait, TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.Interrupted, result.ExitCode);
        Assert.Equal(PinValue.High, _driver.GetOutput(22));
        Assert.Contains("all 2 output(s) are off", output.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_normally_closed_loop_open_from_the_start_is_a_cut_wire_and_exit_1()
    {
        var site = SiteYaml.Write(_folder, SiteYaml.Bench);
        var (cli, output) = CliHarness.Watched();
        cli.CreateBoard = (_, _) =>
        {
            // The loop of button 'accueil' (pull-up, normally-closed) reads High whatever its contact: cut.
            _driver.SetLevel(17, PinValue.High);
            return GpioBoardFactory.CreateVirtual(_driver);
        };

        var result = await cli.RunAsync("wiring", "test", "--site", site, "--no-input", "--duration", "300ms");

        Assert.True(result.ExitCode == ExitCodes.Failed, result + output.Text);
        Assert.Contains("accueil FAULT wire-cut", output.Text, StringComparison.Ordinal);
        Assert.Contains("wire-cut", output.Text, StringComparison.Ordinal);
        Assert.Contains("button 'accueil' (GPIO 17) ends the test wire-cut", result.Error, StringComparison.Ordinal);
        Assert.Contains("No keys are read", output.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_busy_pin_says_so_and_how_to_stop_the_box_service()
    {
        var site = SiteYaml.Write(_folder, SiteYaml.Bench);
        var cli = new CliHarness
        {
            CreateBoard = (_, _) =>
            {
                var board = GpioBoardFactory.CreateVirtual(_driver);
                board.OpenInput(5, PinMode.InputPullUp); // as the running service holds it
                return board;
            },
        };

        var result = await cli.RunAsync("wiring", "test", "--site", site, "--no-input", "--duration", "1s");

        Assert.True(result.ExitCode == ExitCodes.Failed, result.ToString());
        Assert.Contains("GPIO 5 (button 'bureau') is busy", result.Error, StringComparison.Ordinal);
        Assert.Contains("sudo systemctl stop panic-edge", result.Error, StringComparison.Ordinal);
        Assert.Equal(PinValue.High, _driver.GetOutput(22)); // the outputs opened before it were left off
    }

    [Fact]
    public async Task When_systemd_says_the_service_runs_the_message_says_it_holds_the_pins()
    {
        var site = SiteYaml.Write(_folder, SiteYaml.Bench);
        var cli = new CliHarness
        {
            IsServiceActive = unit => unit == "panic-edge",
            CreateBoard = (_, _) =>
            {
                var board = GpioBoardFactory.CreateVirtual(_driver);
                board.OpenOutput(22, PinValue.High);
                return board;
            },
        };

        var result = await cli.RunAsync("wiring", "test", "--site", site, "--no-input");

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("the box's service panic-edge is running", result.Error, StringComparison.Ordinal);
        Assert.Contains("sudo systemctl start panic-edge", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_driver_that_cannot_open_points_to_the_virtual_board()
    {
        var site = SiteYaml.Write(_folder, SiteYaml.Bench.Replace("driver: virtual", "driver: libgpiod", StringComparison.Ordinal));
        var cli = new CliHarness
        {
            CreateBoard = (kind, chip) => throw new GpioBoardException($"Cannot open the '{kind}' GPIO driver (chip {chip}): libgpiod is not installed."),
        };

        var result = await cli.RunAsync("wiring", "test", "--site", site, "--no-input");

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("LibGpiod", result.Error, StringComparison.Ordinal);
        Assert.Contains("--virtual", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Virtual_forces_the_virtual_board_whatever_the_site_file_says()
    {
        var site = SiteYaml.Write(_folder, SiteYaml.Bench.Replace("driver: virtual", "driver: libgpiod", StringComparison.Ordinal));
        GpioDriverKind? asked = null;
        var cli = new CliHarness
        {
            CreateBoard = (kind, _) =>
            {
                asked = kind;
                return GpioBoardFactory.CreateVirtual(_driver);
            },
        };

        var result = await cli.RunAsync("wiring", "test", "--site", site, "--virtual", "--no-input", "--duration", "200ms");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Equal(GpioDriverKind.Virtual, asked);
        Assert.Contains("virtual board", result.Out, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _driver.Dispose();
        _folder.Dispose();
    }

    private static async Task WaitFor(WatchedWriter output, string text)
    {
        try
        {
            await output.WaitForAsync(t => t.Contains(text, StringComparison.Ordinal), TestContext.Current.CancellationToken).WaitAsync(s_wait, TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"'{text}' did not show within {s_wait.TotalSeconds} s. Output so far:\n{output.Text}");
        }
    }
}
