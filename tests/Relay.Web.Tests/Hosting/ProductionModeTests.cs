using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Relay.Core.Certificates;
using Relay.Testing;
using Relay.Web.Hosting;
using Relay.Web.Hosting.ProductionMode;

namespace Relay.Web.Tests.Hosting;

/// <summary>Relay:Mode=Production: plain HTTP and plain MQTT on loopback only; HTTPS and MQTT over TLS anywhere.</summary>
public sealed class ProductionModeTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string[] Production(params string[] more) =>
    [
        "--Relay:Mode=Production", "--urls=http://127.0.0.1:0", "--Relay:Broker:Port=0", "--Relay:Broker:TlsPort=0",
        $"--Relay:Store:Path={_directory.File("relay.db")}", .. more,
    ];

    [Theory]
    [InlineData("--urls=http://0.0.0.0:0", "plain HTTP on 'http://0.0.0.0:0'")]
    [InlineData("--urls=http://*:0", "plain HTTP on 'http://*:0'")]
    [InlineData("--Relay:Broker:ListenAddress=0.0.0.0", "plain MQTT on 0.0.0.0")]
    public void PlainTextOutsideLoopback_IsRefused(string setting, string expected)
    {
        var ex = Assert.Throws<RelayConfigurationException>(() => RelayApp.Create(Production(setting)));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnExternalBrokerOverTheNetworkInClear_IsRefused()
    {
        var ex = Assert.Throws<RelayConfigurationException>(() => RelayApp.Create(Production(
            "--Relay:Broker:Mode=External", "--Relay:Broker:Host=192.0.2.10", "--Relay:Broker:Username=relay", "--Relay:Broker:Password=relay-password-1")));

        Assert.Contains("Relay:Broker:UseTls=true", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoopbackPlainText_AndHttps_AreAccepted_WithSecureCookies()
    {
        var app = RelayApp.Create(Production("--Relay:Https:Port=0"), builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(new TestOutputLoggerProvider());
        });
        await using var _ = app;
        using (var token = Bounded.Token())
        {
            await app.StartAsync(token.Token);
        }

        var ca = app.Services.GetRequiredService<TlsMaterial>().Authority.Certificate;
        using var https = BoxEnrolmentClient.TrustingOnly(app.HttpsAddress()!, ca);
        using var plain = new HttpClient { BaseAddress = app.HttpAddress(), Timeout = Bounded.Timeout };
        var ct = TestContext.Current.CancellationToken;

        using var session = await https.GetAsync("/api/session", ct);
        using var health = await plain.GetAsync("/health", ct);

        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        Assert.All(session.Headers.GetValues("Set-Cookie"), cookie => Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.NotNull(app.MqttTlsEndPoint());
        await app.StopAsync(ct);
    }

    [Fact]
    public async Task Demo_StaysAsItWas_PlainLoopbackWithoutATlsEndpoint()
    {
        var app = RelayApp.Create(["--urls=http://127.0.0.1:0", "--Relay:Broker:Port=0", $"--Relay:Store:Path={_directory.File("relay.db")}"], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(new TestOutputLoggerProvider());
        });
        await using var _ = app;
        using var token = Bounded.Token();
        await app.StartAsync(token.Token);

        Assert.Null(app.MqttTlsEndPoint());
        Assert.NotNull(app.MqttEndPoint());
        Assert.Null(app.HttpsAddress());
        await app.StopAsync(token.Token);
    }

    [Fact]
    public async Task TheExecutable_ExplainsTheRefusal_AndExitsWithExConfig()
    {
        var relay = typeof(RelayApp).Assembly.Location;
        using var process = Process.Start(new ProcessStartInfo("dotnet", [relay, .. Production("--urls=http://0.0.0.0:0")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        using var token = Bounded.Token();
        var error = process.StandardError.ReadToEndAsync(token.Token);
        await process.StandardOutput.ReadToEndAsync(token.Token);
        await process.WaitForExitAsync(token.Token);

        Assert.Equal(RelayConfigurationException.ExitCode, process.ExitCode);
        Assert.Contains("does not start", await error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", await error, StringComparison.Ordinal);
    }
}
