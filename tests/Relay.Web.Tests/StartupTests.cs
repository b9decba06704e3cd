using Microsoft.Extensions.Options;
using Relay.Testing;

namespace Relay.Web.Tests;

public sealed class StartupTests
{
    [Fact]
    public async Task InvalidConfiguration_StopsTheRelayAtStart_WithAClearMessage()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            RunningRelay.StartAsync([], null, "--Relay:Broker:Mode=External", "--Relay:Sites:SupervisionWindow=00:00:00"));

        Assert.Contains("Relay:Broker:Host is required", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownBrokerMode_IsRefused()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => RunningRelay.StartAsync([], null, "--Relay:Broker:Mode=Cloud"));

        Assert.Contains("Embedded or External", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfiguredDevice_WithAToyPassword_IsRefused()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            RunningRelay.StartAsync([(new Relay.Core.Devices.DeviceId("mairie-centre", "accueil"), "1234")]));

        Assert.Contains("Relay:Devices:0:Password", ex.Message, StringComparison.Ordinal);
    }
}
