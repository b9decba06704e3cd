using Microsoft.Extensions.Options;
using Relay.Core.Devices;

namespace Relay.Web.Hosting;

/// <summary>
/// Registers the devices declared under <c>Relay:Devices</c> (demos, tests), hashing their passwords, before the
/// broker accepts connections. Production registers devices with <c>devices add</c>, so that no password sits in a
/// configuration file.
/// </summary>
internal sealed partial class ConfiguredDevicesSeeder(IOptions<ConfiguredDevicesOptions> options, DeviceAccounts accounts, ILogger<ConfiguredDevicesSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var device in options.Value.Devices)
        {
            var id = new DeviceId(device.Site, device.Device);
            await accounts.SetAsync(id, device.Password, cancellationToken).ConfigureAwait(false);
            LogSeeded(logger, id.Username);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Device {Device} registered from configuration (Relay:Devices); use 'devices add' in production")]
    private static partial void LogSeeded(ILogger logger, string device);
}
