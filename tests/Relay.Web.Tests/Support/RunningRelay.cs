using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Relay.Core.Devices;
using Relay.Web.Hosting;

namespace Relay.Testing;

/// <summary>The real relay executable's host, in-process: Kestrel and the embedded broker on free loopback ports,
/// a temporary LiteDB file, devices declared the way the demo does (Relay:Devices), and a first administrator from
/// Relay:Admin. <see cref="Http"/> is signed in as that administrator.</summary>
internal sealed class RunningRelay : IAsyncDisposable
{
    public const string AdminUser = "admin";

    public const string AdminPassword = "admin-password-for-tests";

    private readonly TempDirectory? _ownDirectory;

    private RunningRelay(WebApplication app, TempDirectory? ownDirectory, string storePath, RelayClient admin)
    {
        App = app;
        _ownDirectory = ownDirectory;
        StorePath = storePath;
        Admin = admin;
    }

    public WebApplication App { get; }

    public Uri Address => App.HttpAddress();

    /// <summary>Signed in as the administrator, antiforgery token included.</summary>
    public RelayClient Admin { get; }

    public HttpClient Http => Admin.Http;

    public string StorePath { get; }

    public int MqttPort => App.MqttEndPoint()!.Port;

    /// <summary>The broker's TLS endpoint, where boxes present their certificates.</summary>
    public int MqttTlsPort => App.MqttTlsEndPoint()!.Port;

    public T Service<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    public static Task<RunningRelay> StartAsync(IEnumerable<(DeviceId Id, string Password)> devices, string? storePath = null, params string[] extraArgs) =>
        StartAsync(devices, storePath, null, extraArgs);

    /// <param name="timeProvider">The relay's clock (a FakeTimeProvider for session expiry and retention).</param>
    public static async Task<RunningRelay> StartAsync(IEnumerable<(DeviceId Id, string Password)> devices, string? storePath, TimeProvider? timeProvider, params string[] extraArgs)
    {
        var directory = storePath is null ? new TempDirectory() : null;
        var path = storePath ?? directory!.File("relay.db");
        var args = new List<string>
        {
            "--urls=http://127.0.0.1:0", "--Relay:Broker:Port=0", "--Relay:Broker:TlsEnabled=true", "--Relay:Broker:TlsPort=0", $"--Relay:Store:Path={path}",
            $"--Relay:Admin:User={AdminUser}", $"--Relay:Admin:Password={AdminPassword}",
        };
        var i = 0;
        foreach (var (id, password) in devices)
        {
            args.Add($"--Relay:Devices:{i}:Site={id.Site}");
            args.Add($"--Relay:Devices:{i}:Device={id.Device}");
            args.Add($"--Relay:Devices:{i}:Password={password}");
            i++;
        }

        args.AddRange(extraArgs);
        var app = RelayApp.Create([.. args], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(new TestOutputLoggerProvider());
            if (timeProvider is not null)
            {
                builder.Services.AddSingleton(timeProvider);
            }
        });
        RelayClient? admin = null;
        try
        {
            using var token = Bounded.Token();
            await app.StartAsync(token.Token);
            admin = await RelayClient.SignedInAsync(app.HttpAddress(), AdminUser, AdminPassword);
        }
        catch
        {
            admin?.Dispose();
            await app.DisposeAsync();
            directory?.Dispose();
            throw;
        }

        return new RunningRelay(app, directory, path, admin);
    }

    public TestDevice Device((DeviceId Id, string Password) account) => new(account.Id, account.Password, MqttPort);

    public Task<RelayClient> AnonymousAsync() => RelayClient.AnonymousAsync(Address);

    public Task<RelayClient> SignInAsync(string user, string password) => RelayClient.SignedInAsync(Address, user, password);

    /// <summary>Creates an account through the API, as the administrator.</summary>
    public async Task<RelayClient> CreateUserAsync(string name, string role, string password)
    {
        var (status, body) = await Admin.PostForStatusAsync("/api/users", new { name, role, password });
        Assert.True(status == System.Net.HttpStatusCode.Created, $"creating {name}: {(int)status} {body}");
        return await SignInAsync(name, password);
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        using var token = Bounded.Token();
        await App.StopAsync(token.Token);
        await App.DisposeAsync();
        _ownDirectory?.Dispose();
    }
}
