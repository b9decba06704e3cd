using System.Buffers;
using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Protocol;

namespace FaultInjection.Tests.Lab;

/// <summary>
/// Plays a faulty network or a replaying attacker with broker rights (mosquitto lab only): it reads every event the
/// boxes publish, publishes some again at once (duplicates) and replays old ones later. The relay must store each
/// event once, whatever arrives.
/// </summary>
internal sealed class Injector(Random random) : IAsyncDisposable
{
    public const string User = "injector";
    public const string Password = "injector-password-1";

    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly ConcurrentQueue<(string Topic, byte[] Payload)> _seen = new();
    private int _injected;

    public int Injected => Volatile.Read(ref _injected);

    public async Task ConnectAsync(int port, CancellationToken cancellationToken)
    {
        _client.ApplicationMessageReceivedAsync += async e =>
        {
            var topic = e.ApplicationMessage.Topic;
            var payload = e.ApplicationMessage.Payload.ToArray();
            _seen.Enqueue((topic, payload));
            bool duplicate;
            lock (random)
            {
                duplicate = random.NextDouble() < 0.2;
            }

            if (duplicate)
            {
                await PublishAsync(topic, payload);
            }
        };
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(User).WithCredentials(User, Password).WithCleanSession(true).Build();
        await _client.ConnectAsync(options, cancellationToken);
        await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("edge/v1/+/+/alerts", MqttQualityOfServiceLevel.AtLeastOnce).Build(), cancellationToken);
    }

    /// <summary>Replays a handful of events seen earlier, in random order.</summary>
    public async Task ReplayAsync(int count)
    {
        var seen = _seen.ToArray();
        for (var i = 0; i < count && seen.Length > 0; i++)
        {
            int pick;
            lock (random)
            {
                pick = random.Next(seen.Length);
            }

            await PublishAsync(seen[pick].Topic, seen[pick].Payload);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _client.TryDisconnectAsync();
        _client.Dispose();
    }

    private async Task PublishAsync(string topic, byte[] payload)
    {
        if (!_client.IsConnected)
        {
            return;
        }

        try
        {
            await _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
            Interlocked.Increment(ref _injected);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The broker may be down at this moment: that is one of the faults.
        }
    }
}
