using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Relay.Core.Certificates;
using Relay.Core.Enrolment;

namespace Relay.Testing;

/// <summary>A real store and a relay CA in a temporary directory, on the store's fake clock, with the enrolment and
/// certificate services wired as the relay wires them.</summary>
internal sealed class EnrolmentFixture : IDisposable
{
    public EnrolmentFixture()
    {
        Tls = TlsFiles.LoadOrCreate(TlsOptions, Store.Path, Store.Time, NullLogger.Instance);
        Certificates = new DeviceCertificates(Store.Store, Revocations, Store.Time);
        Enrolment = new DeviceEnrolment(Store.Store, Tls, Revocations, Options.Create(new EnrolmentOptions()), Options.Create(TlsOptions), Store.Time);
        Verifier = new DeviceCertificateVerifier(Tls, Revocations, Store.Time);
    }

    public TestStore Store { get; } = new();

    public TlsOptions TlsOptions { get; } = new();

    public TlsMaterial Tls { get; }

    public RevocationList Revocations { get; } = new();

    public DeviceCertificates Certificates { get; }

    public DeviceEnrolment Enrolment { get; }

    public DeviceCertificateVerifier Verifier { get; }

    public void Dispose()
    {
        Tls.Dispose();
        Store.Dispose();
    }
}
