using Edge.Contracts.Messages;
using Edge.Core.Health;
using Edge.Core.Outbox;
using Edge.Worker.Actions.Calls;
using Edge.Worker.Tests.Actions.Sip;
using Edge.Worker.Tests.Actions.Support;
using Hardware.Sip.Registration;
using Microsoft.Extensions.DependencyInjection;

namespace Edge.Worker.Tests.Actions;

/// <summary>phone.register: true against a SIPp registrar on 127.0.0.1: a refusal is a fault, never a crash.</summary>
public sealed class SipRegistrationTests
{
    [Fact]
    public async Task RegisterTrue_RegistersAtStart_WithoutAFault()
    {
        await using var registrar = await SippCallee.StartAsync("uas_register_ok.xml");
        using var site = new TestSite();
        site.AddMessage();
        site.AddSecret("sip-accueil", "secret-du-boitier");
        site.Write(
            Phones.Section($"127.0.0.1:{registrar.Port}", [("police", "Police municipale", Phones.Nowhere("police"))], register: true, passwordSecret: "sip-accueil"),
            agression: Phones.Call("police"));
        await using var edge = await site.StartAsync();

        var phone = edge.App.Services.GetRequiredService<SitePhone>().Get();
        var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        phone.RegistrationChanged += (_, result) =>
        {
            if (result.Succeeded)
            {
                registered.TrySetResult();
            }
        };
        if (phone.RegistrationState != RegistrationState.Registered)
        {
            await registered.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        }

        Assert.Equal(TimeSpan.FromSeconds(300), phone.LastRegistration!.GrantedExpiry);
        Assert.DoesNotContain(edge.App.Services.GetRequiredService<FaultRegistry>().Current, f => f.Code == SipRegistrationService.FaultCode);
        Assert.Equal(0, await registrar.WaitForExitAsync());
        Assert.Contains($"REGISTER sip:127.0.0.1:{registrar.Port} SIP/2.0", registrar.Messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegistrationRefused_IsASipFault_AndTheBoxStillRaisesAlerts()
    {
        await using var registrar = await SippCallee.StartAsync("uas_register_forbidden.xml");
        using var site = new TestSite();
        site.AddMessage();
        site.AddSecret("sip-accueil", "secret-du-boitier");
        site.Write(
            Phones.Section($"127.0.0.1:{registrar.Port}", [("police", "Police municipale", Phones.Nowhere("police"))], register: true, passwordSecret: "sip-accueil"),
            agression: Phones.Call("police"));
        await using var edge = await site.StartAsync();
        var faults = edge.App.Services.GetRequiredService<FaultRegistry>();

        await edge.WaitForAsync(() => faults.Current.Any(f => f.Code == SipRegistrationService.FaultCode));
        var fault = faults.Current.Single(f => f.Code == SipRegistrationService.FaultCode);
        Assert.Equal($"accueil-1@127.0.0.1:{registrar.Port}", fault.Subject);
        Assert.Equal($"SIP registration of accueil-1@127.0.0.1:{registrar.Port} failed: 403 Forbidden; retrying in the background.", fault.Detail);
        Assert.DoesNotContain("secret-du-boitier", registrar.Messages, StringComparison.Ordinal);
        Assert.Equal(0, await registrar.WaitForExitAsync());

        var alert = await edge.RaiseAsync("comptoir");
        Assert.Equal(AlertEventKind.ActionSucceeded, (await edge.OutcomeAsync(alert, "siren")).Kind);
        var outbox = edge.App.Services.GetRequiredService<IOutbox>();
        Assert.Contains(outbox.ReadEvents(0, 100), e => e.Kind == AlertEventKind.FaultRaised && e.Data!["code"] == "sip");
    }
}
