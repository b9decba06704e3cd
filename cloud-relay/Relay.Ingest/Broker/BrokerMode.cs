namespace Relay.Ingest.Broker;

public enum BrokerMode
{
    /// <summary>The relay hosts an MQTTnet broker itself: one machine, no other service to run.</summary>
    Embedded,

    /// <summary>The relay is a client of a broker run separately (mosquitto; EMQX or HiveMQ for a cluster).</summary>
    External,
}
