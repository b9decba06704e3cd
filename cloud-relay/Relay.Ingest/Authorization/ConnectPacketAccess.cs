using System.Runtime.CompilerServices;
using MQTTnet.Packets;
using MQTTnet.Server;

namespace Relay.Ingest.Authorization;

/// <summary>
/// MQTTnet 5.2's <see cref="ValidatingConnectionEventArgs"/> does not expose the Last Will, yet a will to someone
/// else's topic must be refused at CONNECT. This reads the CONNECT packet the event holds privately. If a future
/// MQTTnet renames the field, this throws <see cref="MissingFieldException"/> and the relay's tests fail loudly;
/// the publish ACL still applies to the will when it is sent, so a device never gets a foreign will through.
/// </summary>
internal static class ConnectPacketAccess
{
    public static (bool HasWill, string? Topic) Will(ValidatingConnectionEventArgs args)
    {
        var packet = ConnectPacket(args);
        return (packet.WillFlag, packet.WillTopic);
    }

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_connectPacket")]
    private static extern ref MqttConnectPacket ConnectPacket(ValidatingConnectionEventArgs args);
}
