using Edge.Core.Configuration;
using Edge.Uplink;
using Edge.Worker.Hosting;

namespace Edge.Worker.Tests.Hosting;

public sealed class EdgeStartupRulesTests
{
    private static readonly Edge.Core.Configuration.Model.SiteFile s_virtualSite = SiteFileLoader.Load(RunningEdge.HallOnlySite).Site;

    [Fact]
    public void LocalApiOutsideLoopback_IsRefused_InAnyMode()
    {
        var ex = Assert.Throws<EdgeConfigurationException>(() =>
            EdgeStartupRules.Check(new EdgeOptions { LocalApiUrl = "http://0.0.0.0:8081" }, new UplinkOptions(), s_virtualSite));

        Assert.Contains("SSH tunnel", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_AcceptsTheVirtualBoardAndAPlainLoopbackLink() =>
        EdgeStartupRules.Check(new EdgeOptions(), new UplinkOptions { Enabled = true, Host = "127.0.0.1" }, s_virtualSite);

    [Fact]
    public void Production_RefusesTheVirtualBoard()
    {
        var ex = Assert.Throws<EdgeConfigurationException>(() =>
            EdgeStartupRules.Check(new EdgeOptions { Mode = EdgeMode.Production }, new UplinkOptions(), s_virtualSite));

        Assert.Contains("virtual board", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Production_RefusesAPlainLinkLeavingTheMachine_AndAcceptsTls()
    {
        var real = s_virtualSite with { Board = s_virtualSite.Board with { Driver = global::Hardware.Gpio.Board.GpioDriverKind.LibGpiodV2 } };
        var production = new EdgeOptions { Mode = EdgeMode.Production };

        var ex = Assert.Throws<EdgeConfigurationException>(() =>
            EdgeStartupRules.Check(production, new UplinkOptions { Enabled = true, Host = "relay.mairie.example" }, real));
        Assert.Contains("UseTls", ex.Message, StringComparison.Ordinal);

        EdgeStartupRules.Check(production, new UplinkOptions { Enabled = true, Host = "relay.mairie.example", UseTls = true }, real);
        EdgeStartupRules.Check(production, new UplinkOptions { Enabled = true, Host = "127.0.0.1" }, real);
    }
}
