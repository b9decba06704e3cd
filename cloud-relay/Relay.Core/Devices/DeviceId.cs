using System.Diagnostics.CodeAnalysis;
using Edge.Contracts.Topics;

namespace Relay.Core.Devices;

/// <summary>
/// One box of one site. Its MQTT username and client id are both <c>{site}.{device}</c>: identifiers never contain
/// '.', so the split is unambiguous.
/// </summary>
public sealed record DeviceId
{
    public DeviceId(string site, string device)
    {
        Identifiers.EnsureValid(site, nameof(site));
        Identifiers.EnsureValid(device, nameof(device));
        Site = site;
        Device = device;
    }

    public string Site { get; }

    public string Device { get; }

    public string Username => $"{Site}.{Device}";

    public static bool TryParseUsername(string? username, [NotNullWhen(true)] out DeviceId? id)
    {
        id = null;
        if (string.IsNullOrEmpty(username))
        {
            return false;
        }

        var dot = username.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0)
        {
            return false;
        }

        var site = username[..dot];
        var device = username[(dot + 1)..];
        if (!Identifiers.IsValid(site) || !Identifiers.IsValid(device))
        {
            return false;
        }

        id = new DeviceId(site, device);
        return true;
    }

    public override string ToString() => Username;
}
