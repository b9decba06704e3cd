using Relay.Core.Devices;
using Relay.Testing;

namespace Relay.Core.Tests;

public sealed class DeviceAccountsTests : IDisposable
{
    private readonly TestStore _store = new();
    private readonly DeviceAccounts _accounts;
    private readonly DeviceId _device = new("mairie-centre", "accueil");

    public DeviceAccountsTests() => _accounts = new DeviceAccounts(_store.Store, _store.Time);

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task Add_WithoutPassword_GeneratesOneThatThenAuthenticates()
    {
        var ct = TestContext.Current.CancellationToken;

        var password = await _accounts.AddAsync(_device, null, ct);

        Assert.NotNull(password);
        Assert.Equal(CredentialCheck.Accepted, await _accounts.CheckAsync("mairie-centre.accueil", password, ct));
        var stored = Assert.Single(await _accounts.ListAsync(ct));
        Assert.DoesNotContain(password, stored.PasswordHash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_TheSameDeviceTwice_KeepsTheFirstPassword()
    {
        var ct = TestContext.Current.CancellationToken;
        await _accounts.AddAsync(_device, "first-password-123", ct);

        var second = await _accounts.AddAsync(_device, "second-password-456", ct);

        Assert.Null(second);
        Assert.Equal(CredentialCheck.Accepted, await _accounts.CheckAsync(_device.Username, "first-password-123", ct));
    }

    [Theory]
    [InlineData("mairie-centre.accueil", "wrong-password-000", CredentialCheck.WrongPassword)]
    [InlineData("mairie-centre.loge", "first-password-123", CredentialCheck.UnknownDevice)]
    [InlineData("mairie-centre", "first-password-123", CredentialCheck.MalformedUsername)]
    [InlineData("Mairie.accueil", "first-password-123", CredentialCheck.MalformedUsername)]
    [InlineData(null, null, CredentialCheck.MalformedUsername)]
    public async Task Check_RefusesWithTheReason(string? username, string? password, CredentialCheck expected)
    {
        var ct = TestContext.Current.CancellationToken;
        await _accounts.AddAsync(_device, "first-password-123", ct);

        Assert.Equal(expected, await _accounts.CheckAsync(username, password, ct));
    }

    [Fact]
    public async Task Remove_ThenTheDeviceIsUnknown()
    {
        var ct = TestContext.Current.CancellationToken;
        await _accounts.AddAsync(_device, "first-password-123", ct);

        Assert.True(await _accounts.RemoveAsync(_device, ct));
        Assert.False(await _accounts.RemoveAsync(_device, ct));
        Assert.Equal(CredentialCheck.UnknownDevice, await _accounts.CheckAsync(_device.Username, "first-password-123", ct));
    }

    [Fact]
    public async Task Set_ReplacesThePassword()
    {
        var ct = TestContext.Current.CancellationToken;
        await _accounts.AddAsync(_device, "first-password-123", ct);

        await _accounts.SetAsync(_device, "second-password-456", ct);

        Assert.Equal(CredentialCheck.WrongPassword, await _accounts.CheckAsync(_device.Username, "first-password-123", ct));
        Assert.Equal(CredentialCheck.Accepted, await _accounts.CheckAsync(_device.Username, "second-password-456", ct));
    }

    [Theory]
    [InlineData("site.device", true)]
    [InlineData("a-1.b-2", true)]
    [InlineData("site.device.extra", false)]
    [InlineData(".device", false)]
    [InlineData("site/x.device", false)]
    public void DeviceId_ParsesOnlyWellFormedUsernames(string username, bool valid) =>
        Assert.Equal(valid, DeviceId.TryParseUsername(username, out _));
}
