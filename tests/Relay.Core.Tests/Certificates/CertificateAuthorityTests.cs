using System.Security.Cryptography.X509Certificates;
using Relay.Core.Certificates;
using Relay.Core.Devices;
using Relay.Testing;

namespace Relay.Core.Tests.Certificates;

public sealed class CertificateAuthorityTests : IDisposable
{
    private static readonly DeviceId s_box = new("mairie-centre", "accueil");

    private readonly EnrolmentFixture _relay = new();

    public void Dispose() => _relay.Dispose();

    private async Task<X509Certificate2> EnrolAsync(DeviceId device)
    {
        var ct = TestContext.Current.CancellationToken;
        var code = await _relay.Enrolment.CreateCodeAsync(device, null, "chief", ct);
        var (key, csr) = BoxKeys.NewRequest(device.Username);
        using var _ = key;
        var result = await _relay.Enrolment.EnrolAsync(code.Code, csr, null, ct);
        return BoxKeys.WithKey(result.Certificate!.CertificatePem, key);
    }

    [Fact]
    public void TheCa_IsAnEcdsaCa_ThatSignsEndEntitiesOnly()
    {
        var ca = _relay.Tls.Authority.Certificate;
        var constraints = Assert.Single(ca.Extensions.OfType<X509BasicConstraintsExtension>());
        var usage = Assert.Single(ca.Extensions.OfType<X509KeyUsageExtension>());

        Assert.True(constraints.CertificateAuthority);
        Assert.True(constraints.HasPathLengthConstraint);
        Assert.Equal(0, constraints.PathLengthConstraint);
        Assert.Equal(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, usage.KeyUsages);
        Assert.NotNull(ca.GetECDsaPublicKey());
        Assert.StartsWith("sha256:", _relay.Tls.Authority.Fingerprint, StringComparison.Ordinal);
        Assert.Equal(71, _relay.Tls.Authority.Fingerprint.Length);
    }

    [Fact]
    public void TheServerCertificate_NamesTheConfiguredHosts_AndServesTlsServersOnly()
    {
        var server = _relay.Tls.ServerCertificate;
        var names = Assert.Single(server.Extensions.OfType<X509SubjectAlternativeNameExtension>());

        Assert.True(server.HasPrivateKey);
        Assert.Equal(["localhost"], names.EnumerateDnsNames());
        Assert.Equal(["127.0.0.1"], names.EnumerateIPAddresses().Select(a => a.ToString()));
        Assert.True(_relay.Tls.Authority.Issued(server, _relay.Store.Time.GetUtcNow()));
        Assert.Equal(ClientCertificateVerdict.NotForClients, _relay.Verifier.Check(server).Verdict);
    }

    [Fact]
    public async Task Verifier_TellsWhyACertificateIsRefused()
    {
        using var box = await EnrolAsync(s_box);
        using var foreign = BoxKeys.FromForeignCa(s_box.Username);

        Assert.Equal(ClientCertificateVerdict.Accepted, _relay.Verifier.Check(box).Verdict);
        Assert.Equal(s_box, _relay.Verifier.Check(box).Device);
        Assert.Equal(ClientCertificateVerdict.Missing, _relay.Verifier.Check(null).Verdict);
        Assert.Equal(ClientCertificateVerdict.UntrustedIssuer, _relay.Verifier.Check(foreign).Verdict);

        _relay.Store.Time.Advance(TimeSpan.FromDays(366));
        Assert.Equal(ClientCertificateVerdict.OutsideValidity, _relay.Verifier.Check(box).Verdict);
    }

    [Fact]
    public async Task Revocation_IsImmediate_AndGoesIntoTheSignedCrl()
    {
        var ct = TestContext.Current.CancellationToken;
        using var box = await EnrolAsync(s_box);
        using var other = await EnrolAsync(new DeviceId("ecole-jaures", "loge"));

        var revoked = await _relay.Certificates.RevokeAsync(s_box, "chief", RevocationReason.Unspecified, ct);
        var pem = await _relay.Certificates.BuildRevocationListPemAsync(_relay.Tls.Authority, TimeSpan.FromDays(30), ct);

        Assert.Equal(SerialNumbers.Of(box), Assert.Single(revoked).SerialNumber);
        Assert.Equal(ClientCertificateVerdict.Revoked, _relay.Verifier.Check(box).Verdict);
        Assert.True(_relay.Verifier.Check(other).IsAccepted);
        Assert.StartsWith("-----BEGIN X509 CRL-----", pem, StringComparison.Ordinal);
        var crl = CertificateRevocationListBuilder.LoadPem(pem, out var number);
        Assert.True(number > 0);
        Assert.True(crl.RemoveEntry(Convert.FromHexString(SerialNumbers.Of(box))));
        Assert.False(crl.RemoveEntry(Convert.FromHexString(SerialNumbers.Of(other))));
        Assert.Empty(await _relay.Certificates.RevokeAsync(s_box, "chief", RevocationReason.Unspecified, ct));
    }

    [Fact]
    public async Task RemovingADevice_RevokesItsCertificate()
    {
        var ct = TestContext.Current.CancellationToken;
        using var box = await EnrolAsync(s_box);

        Assert.True(await _relay.Store.Store.RemoveDeviceAsync(s_box, ct));
        await _relay.Certificates.LoadRevocationsAsync(ct);

        var revoked = Assert.Single(await _relay.Store.Store.ListRevokedAsync(ct));
        Assert.Equal((SerialNumbers.Of(box), RevocationReason.CessationOfOperation), (revoked.SerialNumber, revoked.Reason));
        Assert.Equal(ClientCertificateVerdict.Revoked, _relay.Verifier.Check(box).Verdict);
    }
}
