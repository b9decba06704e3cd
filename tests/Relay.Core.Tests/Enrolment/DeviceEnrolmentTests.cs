using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Relay.Core.Certificates;
using Relay.Core.Devices;
using Relay.Core.Enrolment;
using Relay.Testing;

namespace Relay.Core.Tests.Enrolment;

public sealed class DeviceEnrolmentTests : IDisposable
{
    private static readonly DeviceId s_box = new("mairie-centre", "accueil");

    private readonly EnrolmentFixture _relay = new();

    public void Dispose() => _relay.Dispose();

    private Task<IssuedEnrolmentCode> CodeAsync(DeviceId? device = null, TimeSpan? validity = null) =>
        _relay.Enrolment.CreateCodeAsync(device ?? s_box, validity, "chief", TestContext.Current.CancellationToken);

    private Task<EnrolmentResult> EnrolAsync(string code, string csr) =>
        _relay.Enrolment.EnrolAsync(code, csr, "192.0.2.7", TestContext.Current.CancellationToken);

    [Fact]
    public async Task ValidCode_IssuesACertificateForTheDevice_ChainedToTheRelaysCa_AndRegistersIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var code = await CodeAsync();
        var (key, csr) = BoxKeys.NewRequest(s_box.Username);
        using var _ = key;

        var result = await EnrolAsync(code.Code, csr);

        Assert.True(result.Succeeded, result.Detail);
        using var certificate = X509Certificate2.CreateFromPem(result.Certificate!.CertificatePem);
        Assert.Equal("CN=mairie-centre.accueil", certificate.Subject);
        Assert.Equal(key.ExportSubjectPublicKeyInfo(), certificate.PublicKey.ExportSubjectPublicKeyInfo());
        using var chain = TrustChains.To(_relay.Tls.Authority.Certificate, _relay.Store.Time.GetUtcNow(), CertificateAuthority.ClientAuthenticationOid);
        Assert.True(chain.Build(certificate), string.Join(", ", chain.ChainStatus.Select(s => s.Status)));
        Assert.Equal(_relay.Store.Time.GetUtcNow().AddDays(365), certificate.NotAfter.ToUniversalTime(), TimeSpan.FromSeconds(1));
        Assert.True(_relay.Verifier.Check(certificate).IsAccepted);
        Assert.True(result.DeviceRegistered);
        var device = Assert.Single(await _relay.Store.Store.ListDevicesAsync(ct));
        Assert.Equal(s_box, device.Id);
        Assert.False(device.HasPassword);
        Assert.Equal(result.Certificate.SerialNumber, Assert.Single(await _relay.Certificates.ListAsync(s_box, ct)).SerialNumber);
    }

    [Fact]
    public async Task ARequestWithAnEmptySubject_GetsTheCodesIdentity()
    {
        var code = await CodeAsync();
        var (key, csr) = BoxKeys.NewRequest(null);
        using var _ = key;

        var result = await EnrolAsync(code.Code, csr);

        Assert.True(result.Succeeded, result.Detail);
        using var certificate = X509Certificate2.CreateFromPem(result.Certificate!.CertificatePem);
        Assert.Equal("CN=mairie-centre.accueil", certificate.Subject);
    }

    [Fact]
    public async Task Code_IsSingleUse()
    {
        var code = await CodeAsync();
        var (key, csr) = BoxKeys.NewRequest(s_box.Username);
        using var _ = key;
        Assert.True((await EnrolAsync(code.Code, csr)).Succeeded);

        var again = await EnrolAsync(code.Code, csr);

        Assert.Equal(EnrolmentOutcome.CodeUsed, again.Outcome);
        Assert.Null(again.Certificate);
        Assert.Single(await _relay.Certificates.ListAsync(s_box, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("AAAA-BBBB-CCCC-DDDD-EEEE")]
    [InlineData("not a code")]
    [InlineData("")]
    [InlineData(null)]
    public async Task WrongCode_IsRefused(string? wrong)
    {
        await CodeAsync();
        var (key, csr) = BoxKeys.NewRequest(s_box.Username);
        using var _ = key;

        var result = await _relay.Enrolment.EnrolAsync(wrong, csr, "192.0.2.7", TestContext.Current.CancellationToken);

        Assert.Equal(EnrolmentOutcome.UnknownCode, result.Outcome);
        Assert.Null(result.Device);
        Assert.Empty(await _relay.Store.Store.ListDevicesAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ExpiredCode_IsRefused()
    {
        var code = await CodeAsync(validity: TimeSpan.FromHours(2));
        var (key, csr) = BoxKeys.NewRequest(s_box.Username);
        using var _ = key;
        _relay.Store.Time.Advance(TimeSpan.FromHours(2));

        var result = await EnrolAsync(code.Code, csr);

        Assert.Equal(EnrolmentOutcome.CodeExpired, result.Outcome);
        Assert.Equal(s_box, result.Device);
    }

    [Fact]
    public async Task RequestForAnotherDevice_IsRefused_AndLeavesTheCodeUsable()
    {
        var code = await CodeAsync();
        var (other, otherCsr) = BoxKeys.NewRequest("mairie-centre.etage");
        var (key, csr) = BoxKeys.NewRequest(s_box.Username);
        using var _ = other;
        using var __ = key;

        var refused = await EnrolAsync(code.Code, otherCsr);
        var accepted = await EnrolAsync(code.Code, csr);

        Assert.Equal(EnrolmentOutcome.IdentityMismatch, refused.Outcome);
        Assert.Contains("mairie-centre.etage", refused.Detail, StringComparison.Ordinal);
        Assert.True(accepted.Succeeded, accepted.Detail);
    }

    [Fact]
    public async Task WeakOrBrokenRequests_AreRefused()
    {
        var code = await CodeAsync();
        using var weak = RSA.Create(1024);
        var weakCsr = new CertificateRequest($"CN={s_box.Username}", weak, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSigningRequestPem();
        var (key, csr) = BoxKeys.NewRequest(s_box.Username);
        using var _ = key;
        var der = PemEncoding.Find(csr) is var pem ? Convert.FromBase64String(csr[pem.Base64Data]) : [];
        der[^3] ^= 0x55; // inside the signature
        var tampered = PemEncoding.WriteString("CERTIFICATE REQUEST", der);

        Assert.Equal(EnrolmentOutcome.InvalidRequest, (await EnrolAsync(code.Code, weakCsr)).Outcome);
        Assert.Equal(EnrolmentOutcome.InvalidRequest, (await EnrolAsync(code.Code, tampered)).Outcome);
        Assert.Equal(EnrolmentOutcome.InvalidRequest, (await EnrolAsync(code.Code, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----")).Outcome);
        Assert.True((await EnrolAsync(code.Code, csr)).Succeeded);
    }

    [Fact]
    public async Task EnrollingAgain_SupersedesThePreviousCertificate()
    {
        var ct = TestContext.Current.CancellationToken;
        var (oldKey, oldCsr) = BoxKeys.NewRequest(s_box.Username);
        var (newKey, newCsr) = BoxKeys.NewRequest(s_box.Username);
        using var _ = oldKey;
        using var __ = newKey;
        var first = await EnrolAsync((await CodeAsync()).Code, oldCsr);

        var second = await EnrolAsync((await CodeAsync()).Code, newCsr);

        Assert.True(second.Succeeded);
        Assert.Equal([first.Certificate!.SerialNumber], second.SupersededSerials);
        Assert.False(second.DeviceRegistered);
        using var old = X509Certificate2.CreateFromPem(first.Certificate.CertificatePem);
        using var current = X509Certificate2.CreateFromPem(second.Certificate!.CertificatePem);
        Assert.Equal(ClientCertificateVerdict.Revoked, _relay.Verifier.Check(old).Verdict);
        Assert.True(_relay.Verifier.Check(current).IsAccepted);
        var revoked = Assert.Single(await _relay.Store.Store.ListRevokedAsync(ct));
        Assert.Equal((first.Certificate.SerialNumber, RevocationReason.Superseded), (revoked.SerialNumber, revoked.Reason));
    }

    [Fact]
    public async Task Codes_Have100RandomBitsInTypeableGroups_AreForgivingToType_AndAreStoredHashed()
    {
        var code = await CodeAsync();
        var (key, csr) = BoxKeys.NewRequest(s_box.Username);
        using var _ = key;

        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$", code.Code);
        Assert.NotEqual(code.Code, (await CodeAsync()).Code);
        var typed = code.Code.Replace("-", " ", StringComparison.Ordinal).Replace('0', 'o').ToLowerInvariant();
        Assert.True((await EnrolAsync(typed, csr)).Succeeded);

        _relay.Store.Store.Dispose();
        var file = await File.ReadAllBytesAsync(_relay.Store.Path, TestContext.Current.CancellationToken);
        var normalized = code.Code.Replace("-", "", StringComparison.Ordinal);
        Assert.Equal(-1, file.AsSpan().IndexOf(Encoding.UTF8.GetBytes(normalized)));
        Assert.Equal(-1, file.AsSpan().IndexOf(Encoding.UTF8.GetBytes(code.Code)));
    }

    [Fact]
    public async Task CodeValidity_IsBounded()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => CodeAsync(validity: TimeSpan.FromDays(8)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => CodeAsync(validity: TimeSpan.FromSeconds(10)));
    }
}
