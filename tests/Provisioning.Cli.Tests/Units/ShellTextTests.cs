using Provisioning.Cli.Commands.Deploy;

namespace Provisioning.Cli.Tests.Units;

public sealed class ShellTextTests
{
    [Theory]
    [InlineData("install", "install")]
    [InlineData("/opt/panic-edge.new/", "/opt/panic-edge.new/")]
    [InlineData("u=rwX,go=rX", "u=rwX,go=rX")]
    [InlineData("/home/agent/Mes sites/site.yaml", "'/home/agent/Mes sites/site.yaml'")]
    [InlineData("l'accueil.yaml", "'l'\\''accueil.yaml'")]
    [InlineData("$HOME", "'$HOME'")]
    [InlineData("", "''")]
    public void Arguments_are_quoted_only_when_a_shell_would_change_them(string argument, string printed) =>
        Assert.Equal(printed, ShellText.Quote(argument));
}
