using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Relay.Core.Certificates;
using Relay.Testing;

namespace Relay.Core.Tests.Certificates;

public sealed class TlsFilesTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(TestMessages.T0);

    public void Dispose() => _directory.Dispose();

    private string StorePath => _directory.File("relay.db");

    private string Tls(string name) => Path.Combine(_directory.Path, "tls", name);

    private TlsMaterial Load(TlsOptions? options = null) => TlsFiles.LoadOrCreate(options ?? new TlsOptions(), StorePath, _time, NullLogger.Instance);

    [Fact]
    public void FirstStart_MakesTheCaAndServerCertificate_KeysOwnerOnly()
    {
        using var tls = Load();

        Assert.True(File.Exists(Tls(TlsFiles.CaCertificateName)));
        Assert.True(File.Exists(Tls(TlsFiles.ServerCertificateName)));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Tls(TlsFiles.CaKeyName)));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Tls(TlsFiles.ServerKeyName)));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(_directory.Path, "tls")));
            Assert.False(SecretFiles.IsReadableByOthers(Tls(TlsFiles.CaKeyName)));
        }

        Assert.DoesNotContain(Directory.GetFiles(Path.Combine(_directory.Path, "tls")), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void NextStart_KeepsTheCa_AndReissuesTheServerCertificateOnlyWhenNeeded()
    {
        string fingerprint, serial;
        using (var first = Load())
        {
            fingerprint = first.Authority.Fingerprint;
            serial = SerialNumbers.Of(first.ServerCertificate);
        }

        using (var again = Load())
        {
            Assert.Equal(fingerprint, again.Authority.Fingerprint);
            Assert.Equal(serial, SerialNumbers.Of(again.ServerCertificate));
        }

        var renamed = new TlsOptions();
        renamed.ServerNames.Add("relais.ville.example");
        using (var withNames = Load(renamed))
        {
            Assert.Equal(fingerprint, withNames.Authority.Fingerprint);
            Assert.NotEqual(serial, SerialNumbers.Of(withNames.ServerCertificate));
            Assert.Contains("relais.ville.example", withNames.ServerCertificate.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.DnsName, false), StringComparison.Ordinal);
            serial = SerialNumbers.Of(withNames.ServerCertificate);
        }

        _time.Advance(TimeSpan.FromDays(380));
        using var nearItsEnd = Load(renamed);
        Assert.NotEqual(serial, SerialNumbers.Of(nearItsEnd.ServerCertificate));
    }

    [Fact]
    public void HalfACa_StopsTheStart_InsteadOfMakingANewOne()
    {
        Load().Dispose();
        File.Delete(Tls(TlsFiles.CaKeyName));

        var ex = Assert.Throws<InvalidOperationException>(() => Load());

        Assert.Contains("incomplete", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnExistingCa_CanBeGivenAsPemFiles()
    {
        string fingerprint;
        using (var made = Load())
        {
            fingerprint = made.Authority.Fingerprint;
        }

        var elsewhere = _directory.File("pki");
        Directory.Move(Path.Combine(_directory.Path, "tls"), elsewhere);
        var options = new TlsOptions
        {
            Directory = _directory.File("other-tls"),
            CaCertificateFile = Path.Combine(elsewhere, TlsFiles.CaCertificateName),
            CaKeyFile = Path.Combine(elsewhere, TlsFiles.CaKeyName),
        };

        using var given = Load(options);

        Assert.Equal(fingerprint, given.Authority.Fingerprint);
        Assert.True(given.Authority.CanSign);
        Assert.False(File.Exists(Path.Combine(options.Directory, TlsFiles.CaKeyName)));
    }
}
