using Provisioning.Cli.Output;
using Provisioning.Cli.Tests.Support;

namespace Provisioning.Cli.Tests.Site;

public sealed class SiteValidateTests : IDisposable
{
    private const string ValidSite = """
        site:
          id: mairie-annexe
          name: Mairie annexe
        device:
          id: boitier-1
        board:
          driver: virtual
        buttons:
          - id: accueil
            pin: 17
        outputs:
          - id: sirene
            kind: siren
            pin: 22
        scenarios:
          - id: agression
            name: Agression
            trigger:
              button: accueil
            siren:
              output: sirene
        """;

    private readonly TestFolder _folder = new();

    [Fact]
    public async Task A_valid_file_exits_0_with_a_summary()
    {
        var file = await WriteAsync("site.yaml", ValidSite);

        var result = await CliHarness.Run("site", "validate", file);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains("valid (0 errors, 0 warnings)", result.Out, StringComparison.Ordinal);
        Assert.Contains("agression", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_file_exits_1_with_one_compiler_style_line_per_problem()
    {
        // Line 14: the output reuses the button's pin; line 21: the scenario names an output that does not exist.
        var broken = ValidSite.Replace("pin: 22", "pin: 17", StringComparison.Ordinal).Replace("output: sirene", "output: sirenne", StringComparison.Ordinal);
        var file = await WriteAsync("broken.yaml", broken);

        var result = await CliHarness.Run("site", "validate", file);

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        var lines = result.Out.Split('\n');
        Assert.Contains(lines, l => l.StartsWith($"{file}:14:10: error: outputs[0].pin: GPIO 17 is already used by button 'accueil' (line 10).", StringComparison.Ordinal) && l.Contains("Fix:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"{file}:21:15: error: scenarios[0].siren.output: scenario 'agression' names output 'sirenne', which is not defined. Fix: Did you mean 'sirene'?", StringComparison.Ordinal));
        Assert.Contains("2 errors, 0 warnings", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Yaml_errors_point_at_their_line()
    {
        var file = await WriteAsync("typo.yaml", ValidSite.Replace("kind: siren", "knd: siren", StringComparison.Ordinal));

        var result = await CliHarness.Run("site", "validate", file);

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains($"{file}:12:5: error: outputs[0]: 'kind' is missing.", result.Out, StringComparison.Ordinal);
        Assert.Contains($"{file}:13:5: error: outputs[0].knd: 'knd' is not a known setting here. Fix: Did you mean 'kind'?", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Warnings_pass_unless_strict()
    {
        var withSpareButton = ValidSite.Replace("outputs:", "  - id: spare\n    pin: 5\noutputs:", StringComparison.Ordinal);
        var file = await WriteAsync("warn.yaml", withSpareButton);

        var lenient = await CliHarness.Run("site", "validate", file);
        var strict = await CliHarness.Run("site", "validate", file, "--strict");

        Assert.True(lenient.ExitCode == ExitCodes.Success, lenient.ToString());
        Assert.Contains(": warning: buttons[1].id: button 'spare' starts no scenario", lenient.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Failed, strict.ExitCode);
        Assert.Contains("--strict", strict.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_exits_1_without_a_stack_trace()
    {
        var result = await CliHarness.Run("site", "validate", _folder.File("nowhere.yaml"));

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("Cannot read the site file", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Problem_lines_are_never_wrapped_even_on_a_narrow_console()
    {
        var file = await WriteAsync("broken.yaml", ValidSite.Replace("pin: 22", "pin: 17", StringComparison.Ordinal));
        var cli = new CliHarness();
        cli.Out.Profile.Width = 40;

        var result = await cli.RunAsync("site", "validate", file);

        Assert.Contains(result.Out.Split('\n'), l => l.StartsWith(file, StringComparison.Ordinal) && l.EndsWith("change its pin.", StringComparison.Ordinal));
    }

    public void Dispose() => _folder.Dispose();

    private async Task<string> WriteAsync(string name, string yaml)
    {
        var file = _folder.File(name);
        await File.WriteAllTextAsync(file, yaml, TestContext.Current.CancellationToken);
        return file;
    }
}
