namespace FaultInjection.Tests.Lab;

public enum BrokerKind
{
    /// <summary>The relay's own MQTTnet broker: killing the relay kills the broker.</summary>
    Embedded,

    /// <summary>A real mosquitto; the relay is one of its clients (external-broker mode).</summary>
    Mosquitto,
}
