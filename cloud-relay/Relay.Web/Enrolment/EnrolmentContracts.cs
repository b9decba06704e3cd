namespace Relay.Web.Enrolment;

/// <summary><c>POST /api/enroll</c>: the one-time code and a PKCS#10 request (PEM) for a key the box made and keeps.</summary>
public sealed record EnrolRequest(string? Code, string? Csr);

/// <summary>
/// The box's certificate and how to use it. <see cref="Certificate"/> is the chain (the box's certificate, then the
/// CA); <see cref="CaCertificate"/> is the CA alone, the only trust anchor the box needs for the broker and the relay.
/// </summary>
public sealed record EnrolResponse(
    string Site,
    string Device,
    string Identity,
    string Certificate,
    string CaCertificate,
    string SerialNumber,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    BrokerEndpoint Broker);

/// <summary>Where the box connects: MQTT over TLS (<c>mqtts://host:port</c>), client id and username = identity.</summary>
public sealed record BrokerEndpoint(string Host, int Port, bool Tls);
