using Edge.Contracts.Messages;
using Edge.Core.Configuration;
using Hardware.Gpio.Board;
using Hardware.Gpio.Buttons;

namespace Edge.Core.Tests.Configuration;

public sealed class SiteFileLoaderTests
{
    private const string File = "site.yaml";

    [Fact]
    public void ExampleSiteFile_ShippedWithTheBox_IsValid()
    {
        var loaded = SiteFileLoader.Load(Path.Combine(AppContext.BaseDirectory, "sites", "mairie-accueil.yaml"));

        Assert.Equal("mairie-centre", loaded.Site.Site.Id);
        Assert.Contains(loaded.Site.Scenarios, s => s.Silent);
        Assert.Contains(loaded.Site.Scenarios, s => s.Drill);
        Assert.DoesNotContain(loaded.Warnings, w => w.Severity == ProblemSeverity.Error);
    }

    [Fact]
    public void ValidFile_IsReadIntoTheModel()
    {
        var site = Parse(SiteYaml.Valid).Site;

        Assert.Equal(GpioDriverKind.Virtual, site.Board.Driver);
        var comptoir = site.Button("comptoir")!;
        Assert.Equal(17, comptoir.Pin);
        Assert.Equal(ButtonWiring.NormallyClosed, comptoir.Wiring);
        var agression = site.Scenario("agression")!;
        Assert.Equal(AlertSeverity.Critical, agression.Severity);
        Assert.Equal("pulsed", agression.Siren!.Pattern);
        Assert.Equal(GestureDefinition.Long(TimeSpan.FromSeconds(5)), agression.Cancel!.Gesture);
        Assert.Equal("comptoir", agression.Cancel.Button); // defaults to the trigger's button
        Assert.True(site.Scenario("silencieuse")!.Silent);
        Assert.True(site.Output("sirene")!.ActiveLow);
    }

    [Theory]
    [InlineData("pin: 27", "pin: 17", 13, "buttons[1].pin", "GPIO 17 is already used by button 'comptoir' (line 10)")]
    [InlineData("pin: 27", "pin: 40", 13, "buttons[1].pin", "GPIO 40 does not exist")]
    [InlineData("button: pedale", "button: pedal", 30, "scenarios[1].trigger.button", "names button 'pedal', which is not defined")]
    [InlineData("output: sirene", "output: siren", 26, "scenarios[0].siren.output", "names output 'siren', which is not defined")]
    [InlineData("silent: true", "silent: true\n    siren: { output: sirene }", 32, "scenarios[1].siren.output", "is silent but names a siren")]
    [InlineData("holdMs: 5000", "holdMs: 200", 27, "scenarios[0].cancel.holdMs", "must be between 300 ms and 30 s")]
    [InlineData("onMs: 500", "onMs: 5", 26, "scenarios[0].siren.onMs", "a relay cannot switch faster")]
    [InlineData("id: accueil-1", "id: Accueil 1", 5, "device.id", "is not a valid device id")]
    [InlineData("wiring: normally-closed", "wiring: normaly-closed", 11, "buttons[0].wiring", "'normaly-closed' is not a valid wiring")]
    [InlineData("durationSeconds: 180", "durationSecs: 180", 26, "scenarios[0].siren.durationSecs", "Did you mean 'durationSeconds'?")]
    [InlineData("pin: 23", "pin: twenty-three", 17, "outputs[0].pin", "is not a whole number")]
    public void InvalidFile_ReportsTheLineThePathAndTheFix(string from, string to, int line, string path, string expected)
    {
        var ex = Assert.Throws<SiteFileException>(() => Parse(SiteYaml.With(from, to)));

        var problem = Assert.Single(ex.Problems, p => p.Severity == ProblemSeverity.Error);
        Assert.Equal(line, problem.Line);
        Assert.Equal(path, problem.Path);
        Assert.Contains(expected, problem.ToString(), StringComparison.Ordinal);
        Assert.StartsWith($"{File}:{line}:", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void SecondTriggerOnASinglePressButton_IsRefused_BecauseBothWouldRun()
    {
        var yaml = SiteYaml.Valid + """

              - id: exercice
                name: "Exercice"
                trigger: { button: comptoir, gesture: multi, count: 3, windowMs: 2000 }
                drill: true
            """;

        var ex = Assert.Throws<SiteFileException>(() => Parse(yaml));

        Assert.Contains(ex.Problems, p => p.Message.Contains("both would run", StringComparison.Ordinal));
    }

    [Fact]
    public void LongPressLongerThanTheStuckTime_IsAnImpossibleTiming()
    {
        var ex = Assert.Throws<SiteFileException>(() => Parse(SiteYaml.With("wiring: normally-closed", "wiring: normally-closed\n    stuckAfterSeconds: 5")));

        Assert.Contains(ex.Problems, p => p.Path == "buttons[0].stuckAfterSeconds" && p.Fix!.Contains("above 10", StringComparison.Ordinal));
    }

    [Fact]
    public void CancelWithTheTriggerGesture_IsRefused()
    {
        var ex = Assert.Throws<SiteFileException>(() => Parse(SiteYaml.With("cancel: { gesture: long, holdMs: 5000, withinSeconds: 30 }", "cancel: { gesture: single }")));

        Assert.Contains(ex.Problems, p => p.Message.Contains("with the very gesture that raises it", StringComparison.Ordinal));
    }

    [Fact]
    public void BrokenYaml_PointsAtTheLine()
    {
        var ex = Assert.Throws<SiteFileException>(() => Parse(SiteYaml.With("  name: \"Mairie de test\"", "  name: \"Mairie de test")));

        var problem = Assert.Single(ex.Problems);
        Assert.Contains("not valid YAML", problem.Message, StringComparison.Ordinal);
        Assert.True(problem.Line >= 3);
    }

    [Fact]
    public void EveryErrorIsReported_NotOnlyTheFirst()
    {
        var yaml = SiteYaml.With("pin: 27", "pin: 17").Replace("output: sirene", "output: nope", StringComparison.Ordinal);

        var ex = Assert.Throws<SiteFileException>(() => Parse(yaml));

        Assert.Equal(2, ex.Problems.Count(p => p.Severity == ProblemSeverity.Error));
        Assert.Contains("2 errors", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingMessageFile_IsReported_WithHowToMakeIt()
    {
        var yaml = SiteYaml.Valid.Replace("board:", """
            phone:
              server: pbx.example
              contacts:
                - { id: police, name: "Police municipale", uri: "17" }
            board:
            """, StringComparison.Ordinal) + """

                call: { contacts: [police], message: messages/agression.wav }
            """;

        var ex = Assert.Throws<SiteFileException>(() => SiteFileLoader.Parse(yaml, File, fileExists: _ => false));

        var problem = Assert.Single(ex.Problems, p => p.Severity == ProblemSeverity.Error);
        Assert.Contains("messages/agression.wav", problem.Message, StringComparison.Ordinal);
        Assert.Contains("provision", problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void UnusedButton_IsAWarningNotAnError()
    {
        var yaml = SiteYaml.With("outputs:", "  - id: reserve\n    pin: 22\noutputs:");

        var loaded = Parse(yaml);

        Assert.Contains(loaded.Warnings, w => w.Severity == ProblemSeverity.Warning && w.Message.Contains("'reserve' starts no scenario", StringComparison.Ordinal));
    }

    private static LoadedSiteFile Parse(string yaml) => SiteFileLoader.Parse(yaml, File, fileExists: _ => true);
}
