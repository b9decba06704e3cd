using System.Security.Cryptography;
using Edge.Core.Configuration;
using Edge.Worker.Hosting;
using Hardware.Onvif.Simulator;
using Microsoft.AspNetCore.Builder;
using Relay.Web.Hosting;

namespace Provisioning.Demo;

/// <summary>
/// A town in one process, on loopback: the crisis cell's relay (embedded MQTT broker, LiteDB store, dashboard), one
/// town hall box on the virtual board running the example site file, the hall's PTZ camera (virtual ONVIF camera)
/// and the phones it calls (virtual phone line). Every password is random, made at start and shown once.
/// </summary>
public sealed class DemoTown : IAsyncDisposable
{
    public const string AdminUser = "admin";

    private readonly bool _ownsData;
    private EdgeRunner? _box;
    private Task? _boxRun;

    private DemoTown(string dataDirectory, bool ownsData)
    {
        DataDirectory = dataDirectory;
        _ownsData = ownsData;
    }

    public string DataDirectory { get; }

    public string AdminPassword { get; } = NewPassword();

    public WebApplication Relay { get; private set; } = null!;

    /// <summary>The box's host as it runs now (a pushed site file restarts it in place).</summary>
    public WebApplication Box => _box?.Current ?? throw new InvalidOperationException("The box is not running.");

    public VirtualCamera Camera { get; private set; } = null!;

    /// <summary>The virtual phone line, unless <see cref="DemoOptions.ExternalPhonePort"/> put another peer there.</summary>
    public DemoPhones? Phones { get; private set; }

    public int PhonePort { get; private set; }

    public string Site { get; private set; } = null!;

    public string Device { get; private set; } = null!;

    public string SiteName { get; private set; } = null!;

    public Uri DashboardUri => Relay.HttpAddress();

    public Uri BoxApiUri => new(Box.Urls.First());

    public static async Task<DemoTown> StartAsync(DemoOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var owns = options.DataDirectory is null;
        var data = options.DataDirectory ?? Directory.CreateTempSubdirectory("panic-demo-").FullName;
        Directory.CreateDirectory(data);
        var town = new DemoTown(Path.GetFullPath(data), owns);
        try
        {
            await town.StartCoreAsync(options, cancellationToken);
        }
        catch
        {
            await town.DisposeAsync();
            throw;
        }

        return town;
    }

    public async ValueTask DisposeAsync()
    {
        if (_box?.Current is { } box && _boxRun is not null)
        {
            box.Lifetime.StopApplication();
            await _boxRun;
        }

        if (Relay is not null)
        {
            await Relay.StopAsync(CancellationToken.None);
            await Relay.DisposeAsync();
        }

        if (Camera is not null)
        {
            await Camera.DisposeAsync();
        }

        if (Phones is not null)
        {
            await Phones.DisposeAsync();
        }

        if (_ownsData)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private async Task StartCoreAsync(DemoOptions options, CancellationToken cancellationToken)
    {
        var secrets = SecretsFolder.Create(Path.Combine(DataDirectory, "secrets"));
        var cameraPassword = NewPassword();
        var devicePassword = NewPassword();
        secrets.Write("camera-hall", cameraPassword);
        secrets.Write("uplink", devicePassword);
        secrets.Write("sip-accueil", NewPassword());

        Camera = await VirtualCamera.StartAsync(new VirtualCameraOptions { HttpPort = options.CameraPort, Password = cameraPassword }, cancellationToken);
        if (options.ExternalPhonePort is { } external)
        {
            PhonePort = external;
        }
        else
        {
            Phones = await DemoPhones.StartAsync(options.PhonePort, cancellationToken);
            PhonePort = Phones.Port;
        }

        var siteFile = DemoSite.Prepare(options.SiteFile, DataDirectory, Camera.DeviceServiceUri, PhonePort);
        var site = SiteFileLoader.Load(siteFile).Site;
        Site = site.Site.Id;
        Device = site.Device.Id;
        SiteName = site.Site.Name;

        Relay = RelayApp.Create(
        [
            $"--urls=http://127.0.0.1:{options.DashboardPort}", $"--Relay:Broker:Port={options.MqttPort}", $"--Relay:Broker:TlsPort={options.MqttTlsPort}",
            $"--Relay:Store:Path={Path.Combine(DataDirectory, "relay", "relay.db")}",
            $"--Relay:Admin:User={AdminUser}", $"--Relay:Admin:Password={AdminPassword}",
            $"--Relay:Devices:0:Site={Site}", $"--Relay:Devices:0:Device={Device}", $"--Relay:Devices:0:Password={devicePassword}",
            $"--Logging:LogLevel:Default={options.LogLevel}", $"--Logging:LogLevel:Relay={options.LogLevel}",
        ]);
        await Relay.StartAsync(cancellationToken);

        _box = new EdgeRunner(
        [
            $"--Edge:SiteFile={siteFile}", $"--Edge:DataDirectory={Path.Combine(DataDirectory, "box")}", $"--Edge:SecretsDirectory={secrets.Path}",
            $"--Edge:LocalApiUrl=http://127.0.0.1:{options.BoxApiPort}",
            "--Edge:Uplink:Enabled=true", "--Edge:Uplink:Host=127.0.0.1", $"--Edge:Uplink:Port={Relay.MqttEndPoint()!.Port}", "--Edge:Uplink:PasswordSecret=uplink",
            $"--Logging:LogLevel:Default={options.LogLevel}", "--Logging:LogLevel:Edge.Worker.Board=Error",
        ]);
        _boxRun = _box.RunAsync(CancellationToken.None);
        await _box.FirstStart.WaitAsync(cancellationToken);
    }

    /// <summary>16 characters from a 54-letter alphabet without look-alikes: about 92 bits, easy to type from a screen.</summary>
    private static string NewPassword() => RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 16);
}
