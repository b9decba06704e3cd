using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Edge.Testing.Mqtt;

/// <summary>An MQTTnet broker on 127.0.0.1 and a free port, checking user names and passwords, recording wills.</summary>
public sealed class InProcessBroker : IAsyncDisposable
{
    private readonly MqttServer _server;
    private readonly ConcurrentDictionary<string, string> _users = new(StringComparer.Ordinal);

    private InProcessBroker(MqttServer server, int port)
    {
        _server = server;
        Port = port;
        server.ValidatingConnectionAsync += e =>
        {
            if (!_users.TryGetValue(e.UserName ?? string.Empty, out var password) || password != e.Password)
            {
                e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
            }

            return Task.CompletedTask;
        };
        server.InterceptingPublishAsync += e =>
        {
            Published.Add((e.ClientId, e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray(), e.ApplicationMessage.Retain));
            return Task.CompletedTask;
        };
    }

    public int Port { get; }

    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

    /// <summary>Every message the broker accepted (wills included, published by the broker itself).</summary>
    public ConcurrentBag<(string ClientId, string Topic, byte[] Payload, bool Retain)> Published { get; } = [];

    public static async Task<InProcessBroker> StartAsync(int port = 0)
    {
        port = port == 0 ? FreePort() : port;
        var options = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointPort(port)
            .WithPersistentSessions()
            .Build();
        var server = new MqttServerFactory().CreateMqttServer(options);
        var broker = new InProcessBroker(server, port);
        await server.StartAsync();
        return broker;
    }

    public void AddUser(string user, string password) => _users[user] = password;

    public Task StopAsync() => _server.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync();
        _server.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
