namespace Relay.Core.Certificates;

/// <summary>What the relay made of a client certificate, worded for the refusal log and counters.</summary>
public enum ClientCertificateVerdict
{
    Accepted,

    /// <summary>The client sent no certificate.</summary>
    Missing,

    /// <summary>Not signed by the relay's CA (another CA, self-signed, or a forged signature).</summary>
    UntrustedIssuer,

    /// <summary>Expired, or not valid yet, on the relay's clock.</summary>
    OutsideValidity,

    /// <summary>Signed by the CA but not for client authentication (the server certificate, say).</summary>
    NotForClients,

    /// <summary>Its common name is not <c>{site}.{device}</c>.</summary>
    MalformedIdentity,

    Revoked,
}

public static class ClientCertificateVerdicts
{
    /// <summary>The counter name in <c>/health</c>: <c>certificate-untrusted</c>, <c>certificate-revoked</c>, ...</summary>
    public static string CounterName(this ClientCertificateVerdict verdict) => verdict switch
    {
        ClientCertificateVerdict.Missing => "certificate-missing",
        ClientCertificateVerdict.UntrustedIssuer => "certificate-untrusted",
        ClientCertificateVerdict.OutsideValidity => "certificate-expired",
        ClientCertificateVerdict.NotForClients => "certificate-not-for-clients",
        ClientCertificateVerdict.MalformedIdentity => "certificate-malformed-identity",
        ClientCertificateVerdict.Revoked => "certificate-revoked",
        _ => "certificate-accepted",
    };
}
