using Relay.Core.Certificates;
using Relay.Core.Devices;

namespace Relay.Web.Devices;

/// <summary>A registered box as administrators see it: how it authenticates, never a secret.</summary>
public sealed record DeviceResponse(
    string Site,
    string Device,
    string Identity,
    DateTimeOffset RegisteredAt,
    bool HasPassword,
    DeviceCertificateResponse? Certificate,
    int RevokedCertificates)
{
    public static DeviceResponse From(DeviceRecord device, IReadOnlyList<DeviceCertificateRecord> certificates)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(certificates);
        var current = certificates.FirstOrDefault(c => !c.IsRevoked);
        return new DeviceResponse(
            device.Id.Site,
            device.Id.Device,
            device.Id.Username,
            device.RegisteredAt,
            device.HasPassword,
            current is null ? null : new DeviceCertificateResponse(current.SerialNumber, current.IssuedAt, current.NotAfter, current.Fingerprint),
            certificates.Count(c => c.IsRevoked));
    }
}

/// <summary>The box's valid certificate.</summary>
public sealed record DeviceCertificateResponse(string SerialNumber, DateTimeOffset IssuedAt, DateTimeOffset NotAfter, string Fingerprint);

/// <summary><see cref="ValidHours"/>: default <c>Relay:Enrolment:CodeValidity</c> (24 h).</summary>
public sealed record CreateEnrolmentCodeRequest(string? Site, string? Device, double? ValidHours);

/// <summary>The code, shown once: it is stored hashed and cannot be shown again.</summary>
public sealed record EnrolmentCodeResponse(string Code, string Site, string Device, string Identity, DateTimeOffset ExpiresAt, string CaFingerprint);

public sealed record RevokeDeviceRequest(string? Comment);

public sealed record RevokeDeviceResponse(string Identity, IReadOnlyList<string> RevokedSerials, int SessionsEnded);
