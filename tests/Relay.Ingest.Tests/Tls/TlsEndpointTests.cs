using Edge.Contracts.Messages;
using Edge.Contracts.Topics;
using MQTTnet;
using Relay.Core.Devices;
using Relay.Testing;
using static Relay.Testing.TestMessages;

namespace Relay.Ingest.Tests.Tls;

/// <summary>
/// The embedded broker's TLS endpoint with real MQTTnet clients standing for boxes: each enrolled the way
/// <c>POST /api/enroll</c> enrols (a key of its own, a CSR, a one-time code) and connects as the edge uplink does,
/// with the issued certificate and the relay's CA, without a password.
/// </summary>
public sealed class TlsEndpointTests : IAsyncLifetime
{
    private static readonly DeviceId s_a = new("mairie-centre", "accueil");
    private static readonly DeviceId s_b = new("ecole-jaures", "loge");

    private RelayUnderTest _relay = null!;

    public async ValueTask InitializeAsync() => _relay = await RelayUnderTest.StartEmbeddedAsync();

    public async ValueTask DisposeAsync() => await _relay.DisposeAsync();

    private TestDevice Box(DeviceId id, BoxCredentials credentials) => new(id, "", _relay.MqttTlsPort, tls: credentials);

    [Fact]
    public async Task EnrolledBox_ConnectsWithItsCertificate_AndItsEventIsStoredAndReceipted()
    {
        await using var box = Box(s_a, await _relay.EnrolAsync(s_a));
        await box.ConnectAndSubscribeAsync();
        var alertId = Guid.CreateVersion7();

        var receipt = await box.PublishEventAndAwaitReceiptAsync(Raised(box.Site, box.Device, 1, alertId));

        Assert.Equal(new EventReceipt(1, alertId), Assert.Single(receipt.Events));
        Assert.NotNull(await _relay.Store.GetAlertAsync(alertId, TestContext.Current.CancellationToken));
        Assert.Empty(box.ForeignTopics);
    }

    [Fact]
    public async Task RevokedCertificate_EndsTheOpenSession_AndIsRefusedAtTheNextConnection()
    {
        var credentials = await _relay.EnrolAsync(s_a);
        await using var box = Box(s_a, credentials);
        await box.ConnectAndSubscribeAsync();
        var dropped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        box.Client.DisconnectedAsync += _ =>
        {
            dropped.TrySetResult();
            return Task.CompletedTask;
        };

        var outcome = await _relay.Revocation.RevokeAsync(s_a, "chief", TestContext.Current.CancellationToken);
        using (var token = Bounded.Token())
        {
            await dropped.Task.WaitAsync(token.Token);
        }

        await using var again = Box(s_a, credentials);
        Assert.Equal(1, outcome.SessionsEnded);
        Assert.Single(outcome.Revoked);
        Assert.Null(await again.TryConnectAsync());
        Assert.Equal(1, _relay.Access.Denied["tls-certificate-revoked"]);
    }

    [Fact]
    public async Task CertificateFromAnotherCa_IsRefused()
    {
        await _relay.EnrolAsync(s_a);
        using var foreign = BoxKeys.FromForeignCa(s_a.Username);
        await using var impostor = Box(s_a, new BoxCredentials(foreign, _relay.Tls.Authority.Certificate));

        Assert.Null(await impostor.TryConnectAsync());
        Assert.Equal(1, _relay.Access.Denied["tls-certificate-untrusted"]);
    }

    [Fact]
    public async Task WithoutACertificate_TheTlsEndpointRefuses()
    {
        await _relay.EnrolAsync(s_a);
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", _relay.MqttTlsPort)
            .WithClientId(s_a.Username)
            .WithTlsOptions(o => o.UseTls().WithTrustChain(new System.Security.Cryptography.X509Certificates.X509Certificate2Collection(_relay.Tls.Authority.Certificate)))
            .Build();
        using var client = new MqttClientFactory().CreateMqttClient();
        using var token = Bounded.Token();

        await Assert.ThrowsAnyAsync<Exception>(() => client.ConnectAsync(options, token.Token));

        Assert.Equal(1, _relay.Access.Denied["tls-certificate-missing"]);
    }

    [Fact]
    public async Task CertificateOfDeviceA_CannotActAsDeviceB()
    {
        var a = await _relay.EnrolAsync(s_a);
        await _relay.EnrolAsync(s_b);
        await using var asB = new TestDevice(s_b, "", _relay.MqttTlsPort, tls: a);
        await using var box = Box(s_a, a);

        // B's client id and username, A's certificate: refused at CONNECT.
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await asB.TryConnectAsync());
        Assert.Equal(MqttClientConnectResultCode.ClientIdentifierNotValid, await box.TryConnectAsync(clientId: s_b.Username));

        // Connected as itself, A cannot publish or subscribe as B.
        await box.ConnectAndSubscribeAsync();
        var forged = await box.PublishAsync(TopicNames.Alerts(s_b.Site, s_b.Device), Edge.Contracts.Serialization.ContractSerializer.Serialize(Raised(s_b.Site, s_b.Device, 1, Guid.CreateVersion7())));
        var subscribe = await box.SubscribeAsync(TopicNames.Commands(s_b.Site, s_b.Device), TopicNames.Receipts(s_b.Site, s_b.Device));

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, forged.ReasonCode);
        Assert.All(subscribe, code => Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, code));
        Assert.Equal(0, (await _relay.Store.GetSequenceAsync(s_b, TestContext.Current.CancellationToken)).HighestReceived);
    }

    [Fact]
    public async Task ADeviceEnrolledWithACertificate_HasNoPasswordOnThePlainEndpoint()
    {
        await _relay.EnrolAsync(s_a);
        await using var withPassword = new TestDevice(s_a, "any-password-at-all", _relay.MqttPort);

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await withPassword.ConnectAsync());
    }
}
