using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MQTTnet;
using Relay.Core.Certificates;
using Relay.Core.Devices;
using Relay.Core.Enrolment;
using Relay.Core.Storage;
using Relay.Ingest.Authorization;
using Relay.Ingest.Tls;
using Relay.Testing;
using static Relay.Testing.TestMessages;

namespace Relay.Ingest.Tests.Tls;

/// <summary>
/// External-broker mode with mosquitto configured only by the relay's export (<c>devices export-mosquitto</c>): a TLS
/// listener with require_certificate, use_identity_as_username and the CRL. The relay connects to it over TLS with its
/// own certificate, boxes with the ones they were issued. mosquitto reads the CRL at start: revoke, export, restart.
/// </summary>
public sealed class MosquittoTlsTests
{
    private static readonly DeviceId s_a = new("mairie-centre", "accueil");
    private static readonly DeviceId s_b = new("ecole-jaures", "loge");

    [Fact]
    public async Task Mosquitto_WithTheExportedFiles_AcceptsIssuedCertificates_AndRefusesARevokedOneAfterARestart()
    {
        var ct = TestContext.Current.CancellationToken;
        using var directory = new TempDirectory();
        var storePath = directory.File("relay.db");
        var export = directory.File("mosquitto");
        var port = MosquittoBroker.FreePort();

        // Installation time, relay stopped: two boxes enrol, then the files for mosquitto are exported.
        BoxCredentials a, b;
        using (var store = LiteDbRelayStore.Open(storePath, TimeProvider.System, NullLogger<LiteDbRelayStore>.Instance))
        using (var tls = TlsFiles.LoadOrCreate(new TlsOptions(), storePath, TimeProvider.System, NullLogger.Instance))
        {
            var enrolment = new DeviceEnrolment(store, tls, new RevocationList(), Options.Create(new EnrolmentOptions()), Options.Create(new TlsOptions()), TimeProvider.System);
            a = await RelayUnderTest.EnrolAsync(enrolment, tls, s_a);
            b = await RelayUnderTest.EnrolAsync(enrolment, tls, s_b);
            await ExportAsync(new DeviceCertificates(store, new RevocationList(), TimeProvider.System), tls, [s_a, s_b], export, port);
        }

        await using var mosquitto = await MosquittoBroker.StartTlsAsync(Path.Combine(export, MosquittoTlsExport.ConfigurationFile), port);
        await using var relay = await RelayUnderTest.StartExternalTlsAsync(mosquitto, storePath);
        await using (var box = new TestDevice(s_a, "", mosquitto.Port, tls: a))
        {
            await box.ConnectAndSubscribeAsync();
            var receipt = await box.PublishEventAndAwaitReceiptAsync(Raised(box.Site, box.Device, 1, Guid.CreateVersion7()));
            Assert.Single(receipt.Events);
        }

        await relay.Certificates.RevokeAsync(s_a, "chief", RevocationReason.Unspecified, ct);
        await ExportAsync(relay.Certificates, relay.Tls, [s_a, s_b], export, port);
        await relay.WaitForResubscribeAsync(mosquitto.RestartAsync);

        await using var revoked = new TestDevice(s_a, "", mosquitto.Port, tls: a);
        await using var other = new TestDevice(s_b, "", mosquitto.Port, tls: b);
        Assert.NotEqual((MqttClientConnectResultCode?)MqttClientConnectResultCode.Success, await revoked.TryConnectAsync());
        await other.ConnectAndSubscribeAsync();
        var stillServed = await other.PublishEventAndAwaitReceiptAsync(Raised(other.Site, other.Device, 1, Guid.CreateVersion7()));
        Assert.Single(stillServed.Events);
        Assert.Contains("as relay (", mosquitto.Log, StringComparison.Ordinal);
        Assert.Contains("certificate verify failed", mosquitto.Log, StringComparison.Ordinal);
    }

    private static async Task ExportAsync(DeviceCertificates certificates, TlsMaterial tls, DeviceId[] devices, string directory, int port)
    {
        var crl = await certificates.BuildRevocationListPemAsync(tls.Authority, DeviceCertificates.DefaultRevocationListValidity, TestContext.Current.CancellationToken);
        MosquittoTlsExport.Write(directory, tls, crl, MosquittoAcl.Generate(MosquittoBroker.RelayUser, devices), port, "127.0.0.1");
    }
}
