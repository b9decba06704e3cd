using Edge.Core.Configuration;
using Provisioning.Cli.Commands.Site.Templates;
using Provisioning.Cli.Output;
using Provisioning.Cli.Tests.Support;

namespace Provisioning.Cli.Tests.Site;

public sealed class SiteInitTests : IDisposable
{
    private readonly TestFolder _folder = new();

    public static TheoryData<string> Templates => [.. TemplateCatalog.Names];

    /// <summary>Every non-empty combination of the templates, with and without a camera.</summary>
    public static TheoryData<string, bool> Combinations
    {
        get
        {
            var data = new TheoryData<string, bool>();
            var names = TemplateCatalog.Names;
            for (var mask = 1; mask < 1 << names.Length; mask++)
            {
                var chosen = string.Join(',', names.Where((_, i) => (mask & (1 << i)) != 0));
                data.Add(chosen, false);
                data.Add(chosen, true);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task Init_with_one_template_writes_a_file_the_box_accepts_without_warnings(string template)
    {
        var file = _folder.File("site.yaml");

        var result = await CliHarness.Run(ScriptedInit(file, template));

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var loaded = SiteFileLoader.Load(file);
        Assert.Empty(loaded.Warnings);
        var scenario = Assert.Single(loaded.Site.Scenarios);
        Assert.Equal(TemplateCatalog.Get(template).ScenarioId, scenario.Id);
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public async Task Init_with_any_combination_of_templates_writes_a_valid_file(string templates, bool withCamera)
    {
        var file = _folder.File("site.yaml");
        var args = ScriptedInit(file, templates.Split(','));
        if (withCamera)
        {
            args = [.. args, "--camera-url", "192.0.2.10", "--camera-user", "admin", "--camera-preset", "Accueil"];
        }

        var result = await CliHarness.Run(args);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var loaded = SiteFileLoader.Load(file);
        Assert.Empty(loaded.Warnings);
        Assert.Equal(templates.Split(',').Length, loaded.Site.Scenarios.Count);
        if (withCamera)
        {
            Assert.Equal(new Uri("http://192.0.2.10/onvif/device_service"), Assert.Single(loaded.Site.Cameras).Url);
        }
    }

    [Fact]
    public async Task Intruder_template_has_the_agreed_behaviour()
    {
        var file = _folder.File("site.yaml");
        await CliHarness.Run(ScriptedInit(file, "intruder-reception", "silent-alarm", "medical-emergency", "fire-drill"));

        var site = SiteFileLoader.Load(file).Site;
        Assert.Equal(Hardware.Gpio.Buttons.ButtonWiring.NormallyClosed, site.Button("accueil")!.Wiring);
        Assert.Equal(Hardware.Gpio.Buttons.ButtonWiring.NormallyClosed, site.Button("pedale")!.Wiring);
        var intruder = site.Scenario("agression-accueil")!;
        Assert.Equal("single", intruder.Trigger.Gesture.Name);
        Assert.Equal(Edge.Contracts.Messages.AlertSeverity.Critical, intruder.Severity);
        Assert.Equal("pulsed", intruder.Siren!.Pattern);
        Assert.NotNull(intruder.Strobe);
        Assert.Equal("long", intruder.Cancel!.Gesture.Name);
        Assert.Equal(30, intruder.Cancel.WithinSeconds);

        var silent = site.Scenario("alarme-silencieuse")!;
        Assert.True(silent.Silent);
        Assert.Null(silent.Siren);

        var medical = site.Scenario("malaise")!;
        Assert.Equal(Edge.Contracts.Messages.AlertSeverity.Warning, medical.Severity);
        Assert.Null(medical.Siren);

        var drill = site.Scenario("exercice-incendie")!;
        Assert.True(drill.Drill);
        Assert.Equal(3, drill.Trigger.Gesture.Count);
        Assert.Equal("steady", drill.Siren!.Pattern);
        Assert.Equal(60, drill.Siren.DurationSeconds);
    }

    [Fact]
    public async Task Names_with_quotes_colons_hashes_and_accents_read_back_exactly()
    {
        var file = _folder.File("site.yaml");
        const string Name = "Mairie annexe: \"Nord\" #2 — l'accueil \\ é";

        var result = await CliHarness.Run("site", "init", "--out", file, "--no-input", "--site-id", "mairie-annexe", "--site-name", Name,
            "--device-id", "boitier-1", "--driver", "virtual", "--template", "silent-alarm", "--address", "1 place de l'Hôtel-de-Ville: 75004 #3");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var site = SiteFileLoader.Load(file).Site;
        Assert.Equal(Name, site.Site.Name);
        Assert.Equal("1 place de l'Hôtel-de-Ville: 75004 #3", site.Site.Address);
    }

    [Fact]
    public async Task Init_comments_each_section_in_French_with_English_in_parentheses()
    {
        var file = _folder.File("site.yaml");
        await CliHarness.Run(ScriptedInit(file, "intruder-reception"));

        var yaml = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
        foreach (var section in new[] { "site:", "device:", "board:", "buttons:", "outputs:", "scenarios:" })
        {
            var before = yaml[..yaml.IndexOf("\n" + section, StringComparison.Ordinal)].Split('\n');
            var block = before.Reverse().TakeWhile(l => l.StartsWith('#')).ToList();
            Assert.True(block.Count >= 1, $"no comment above {section}");
            Assert.Contains(block, l => l.StartsWith("# (", StringComparison.Ordinal) || l.Contains(" (", StringComparison.Ordinal));
        }

        Assert.Contains("broche physique 11", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_refuses_to_overwrite_without_force()
    {
        var file = _folder.File("site.yaml");
        await File.WriteAllTextAsync(file, "keep me", TestContext.Current.CancellationToken);

        var refused = await CliHarness.Run(ScriptedInit(file, "silent-alarm"));

        Assert.Equal(ExitCodes.Failed, refused.ExitCode);
        Assert.Contains("already exists", refused.Error, StringComparison.Ordinal);
        Assert.Contains("--force", refused.Error, StringComparison.Ordinal);
        Assert.Equal("keep me", await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken));

        var forced = await CliHarness.Run([.. ScriptedInit(file, "silent-alarm"), "--force"]);

        Assert.Equal(ExitCodes.Success, forced.ExitCode);
        SiteFileLoader.Load(file);
    }

    [Fact]
    public async Task No_input_lists_everything_missing_as_a_usage_error()
    {
        var file = _folder.File("site.yaml");

        var result = await CliHarness.Run("site", "init", "--out", file, "--no-input", "--site-name", "Mairie");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        foreach (var option in new[] { "--site-id", "--device-id", "--driver", "--template" })
        {
            Assert.Contains(option, result.Error, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("--site-name,", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task Without_a_terminal_it_does_not_prompt_either()
    {
        var result = await CliHarness.Run("site", "init", "--out", _folder.File("site.yaml"));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("no terminal", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--site-id", "Mairie Annexe", "mairie-annexe")]
    [InlineData("--device-id", "Boîtier_1", "boitier-1")]
    public async Task Invalid_ids_are_usage_errors_with_a_suggestion(string option, string value, string suggestion)
    {
        var args = ScriptedInit(_folder.File("site.yaml"), "silent-alarm").ToList();
        args[args.IndexOf(option) + 1] = value;

        var result = await CliHarness.Run([.. args]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(suggestion, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_template_and_driver_are_usage_errors()
    {
        var template = await CliHarness.Run("site", "init", "--out", _folder.File("a.yaml"), "--template", "bank-robbery");
        var driver = await CliHarness.Run("site", "init", "--out", _folder.File("a.yaml"), "--driver", "arduino");

        Assert.Equal(ExitCodes.Usage, template.ExitCode);
        Assert.Contains("intruder-reception", template.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, driver.ExitCode);
    }

    [Fact]
    public async Task Interactive_init_asks_for_what_is_missing()
    {
        var file = _folder.File("site.yaml");
        var cli = new CliHarness().AsInteractive();
        var keys = cli.Out.Input;
        keys.PushTextWithEnter("Mairie annexe Nord");   // site name
        keys.PushKey(ConsoleKey.Enter);                 // site id: the proposed mairie-annexe-nord
        keys.PushKey(ConsoleKey.Enter);                 // device id: boitier-1
        keys.PushKey(ConsoleKey.DownArrow);             // driver: libgpiod-v2
        keys.PushKey(ConsoleKey.Enter);
        keys.PushKey(ConsoleKey.DownArrow);             // templates: intruder-reception is ticked; tick fire-drill too
        keys.PushKey(ConsoleKey.DownArrow);
        keys.PushKey(ConsoleKey.DownArrow);
        keys.PushKey(ConsoleKey.Spacebar);
        keys.PushKey(ConsoleKey.Enter);
        keys.PushKey(ConsoleKey.Enter);                 // no camera

        var result = await cli.RunAsync("site", "init", "--out", file);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var site = SiteFileLoader.Load(file).Site;
        Assert.Equal("mairie-annexe-nord", site.Site.Id);
        Assert.Equal("Mairie annexe Nord", site.Site.Name);
        Assert.Equal("boitier-1", site.Device.Id);
        Assert.Equal(Hardware.Gpio.Board.GpioDriverKind.LibGpiodV2, site.Board.Driver);
        Assert.Equal(["agression-accueil", "exercice-incendie"], site.Scenarios.Select(s => s.Id));
    }

    public void Dispose() => _folder.Dispose();

    private static string[] ScriptedInit(string file, params string[] templates) =>
    [
        "site", "init", "--out", file, "--no-input",
        "--site-id", "mairie-annexe", "--site-name", "Mairie annexe", "--device-id", "boitier-1", "--driver", "libgpiod",
        .. templates.SelectMany(t => new[] { "--template", t }),
    ];
}
