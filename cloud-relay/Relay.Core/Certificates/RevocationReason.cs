using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Serialization;

namespace Relay.Core.Certificates;

/// <summary>Why a box's certificate was revoked; carried into the revocation list (RFC 5280 reason codes).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RevocationReason>))]
public enum RevocationReason
{
    /// <summary>An administrator revoked it (the box was lost, stolen, replaced, or is suspected).</summary>
    [JsonStringEnumMemberName("revoked")] Unspecified,

    /// <summary>The box enrolled again: its new certificate replaces this one.</summary>
    [JsonStringEnumMemberName("superseded")] Superseded,

    /// <summary>The device was removed from the relay.</summary>
    [JsonStringEnumMemberName("device-removed")] CessationOfOperation,
}

public static class RevocationReasons
{
    public static X509RevocationReason ToX509(this RevocationReason reason) => reason switch
    {
        RevocationReason.Superseded => X509RevocationReason.Superseded,
        RevocationReason.CessationOfOperation => X509RevocationReason.CessationOfOperation,
        _ => X509RevocationReason.Unspecified,
    };
}
