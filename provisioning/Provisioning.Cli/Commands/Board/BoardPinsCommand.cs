using System.CommandLine;
using Provisioning.Cli.Commands.Site;
using Provisioning.Cli.Output;
using Spectre.Console;

namespace Provisioning.Cli.Commands.Board;

/// <summary>
/// <c>board pins</c>: the 40-pin header laid out as it sits on the board (odd pins on the left), with the BCM
/// numbers the site file uses and, with --site, what the site file wires to each pin.
/// </summary>
internal sealed class BoardPinsCommand : Command
{
    private readonly CliContext _context;

    private readonly Option<string?> _site = new("--site") { Description = "A site file: show which button or output goes on each pin.", HelpName = "file" };

    public BoardPinsCommand(CliContext context)
        : base("pins", "Show the Raspberry Pi 40-pin header: physical pin, BCM GPIO number, reserved pins; with --site, what goes where.")
    {
        _context = context;
        Options.Add(_site);
        SetAction(Run);
    }

    private int Run(ParseResult parse)
    {
        var uses = new Dictionary<int, string>();
        if (parse.GetValue(_site) is { } sitePath)
        {
            var loaded = SiteFiles.Load(sitePath);
            foreach (var button in loaded.Site.Buttons)
            {
                uses[button.Pin] = $"{button.Id} (button)";
            }

            foreach (var output in loaded.Site.Outputs)
            {
                uses[output.Pin] = $"{output.Id} ({output.Kind.ToString().ToLowerInvariant()})";
            }
        }

        var table = new Table()
            .Title("[bold]Raspberry Pi 40-pin header[/] (pin 1 = square pad)")
            .AddColumn("use / note", c => c.RightAligned())
            .AddColumn("BCM", c => c.RightAligned())
            .AddColumn("name", c => c.RightAligned())
            .AddColumn("pin", c => c.Centered())
            .AddColumn("pin", c => c.Centered())
            .AddColumn("name")
            .AddColumn("BCM")
            .AddColumn("use / note");
        var pins = RaspberryPiHeader.Pins;
        for (var row = 0; row < pins.Count / 2; row++)
        {
            var left = pins[row * 2];
            var right = pins[(row * 2) + 1];
            table.AddRow(
                Use(left, uses), Bcm(left), PinName(left), $"[bold]{left.Physical}[/]",
                $"[bold]{right.Physical}[/]", PinName(right), Bcm(right), Use(right, uses));
        }

        _context.Out.Write(table);
        _context.Out.WriteNote("Odd pins are on the row nearer the board's centre. The site file's 'pin' is the BCM number.");
        _context.Out.WriteNote("Wire buttons and relays to 'free' pins first; a button goes between its GPIO and a GND pin.");
        _context.Out.WriteNote("Never wire BCM 0 and 1 (HAT EEPROM). I2C pins have a fixed pull-up: no pull-down button there. 5V on a GPIO destroys it.");
        return ExitCodes.Success;
    }

    private static string PinName(HeaderPin pin) => pin.Kind switch
    {
        HeaderPinKind.Ground => "[grey]GND[/]",
        HeaderPinKind.Power3V3 => "[orange1]3V3[/]",
        HeaderPinKind.Power5V => "[red]5V[/]",
        _ => pin.Label,
    };

    private static string Bcm(HeaderPin pin) => pin.Bcm?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Use(HeaderPin pin, Dictionary<int, string> uses)
    {
        if (pin.Bcm is { } bcm && uses.TryGetValue(bcm, out var use))
        {
            return $"[green bold]{Markup.Escape(use)}[/]";
        }

        if (pin.Kind != HeaderPinKind.Gpio)
        {
            return string.Empty;
        }

        return pin.Recommended ? "[green]free[/]" : $"[grey]{Markup.Escape(pin.Note)}[/]";
    }
}
