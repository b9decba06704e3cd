using Relay.Core.Devices;

namespace Relay.Testing;

/// <summary>One relay for a whole test class (tests that do not need a fresh store): each test uses names of its
/// own. Lockout after 3 wrong passwords, so that the lockout test stays short.</summary>
public sealed class SharedRelay : IAsyncLifetime
{
    public static readonly (DeviceId Id, string Password) BoxA = (new DeviceId("mairie-centre", "accueil"), "password-of-accueil");

    public static readonly (DeviceId Id, string Password) BoxB = (new DeviceId("mairie-centre", "etage"), "password-of-etage-1");

    public static readonly (DeviceId Id, string Password) BoxC = (new DeviceId("ecole-jaures", "loge"), "password-of-loge-b");

    private int _names;

    internal RunningRelay Relay { get; private set; } = null!;

    /// <summary>A login name no other test of the class uses.</summary>
    public string UniqueName(string prefix) => $"{prefix}-{Interlocked.Increment(ref _names)}";

    public async ValueTask InitializeAsync() =>
        Relay = await RunningRelay.StartAsync([BoxA, BoxB, BoxC], null, (TimeProvider?)null, "--Relay:Auth:MaxFailedLogins=3");

    public async ValueTask DisposeAsync() => await Relay.DisposeAsync();
}
