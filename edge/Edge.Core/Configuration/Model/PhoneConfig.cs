namespace Edge.Core.Configuration.Model;

public sealed record PhoneConfig : ConfigNode
{
    /// <summary>The SIP server (registrar / outbound proxy), host[:port].</summary>
    public string? Server { get; init; }

    public string? Username { get; init; }

    /// <summary>The authentication user, when it differs from <see cref="Username"/>.</summary>
    public string? AuthUsername { get; init; }

    public string? PasswordSecret { get; init; }

    public string? DisplayName { get; init; }

    /// <summary>udp (default) or tcp.</summary>
    public string Transport { get; init; } = "udp";

    /// <summary>Register with the server at start (needed to receive calls back; not to place calls).</summary>
    public bool Register { get; init; }

    public IReadOnlyList<ContactConfig> Contacts { get; init; } = [];

    public ContactConfig? Contact(string id) => Contacts.FirstOrDefault(c => c.Id == id);
}

public sealed record ContactConfig : ConfigNode
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>sip:17@pbx.mairie.example, or a number dialled through <see cref="PhoneConfig.Server"/>.</summary>
    public required string Uri { get; init; }
}
