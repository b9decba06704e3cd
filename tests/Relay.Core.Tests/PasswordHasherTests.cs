using System.Globalization;
using Relay.Core.Devices;

namespace Relay.Core.Tests;

public sealed class PasswordHasherTests
{
    private static readonly string s_hash = PasswordHasher.Hash("un mot de passe solide");

    [Fact]
    public void Verify_TheRightPassword_Succeeds() => Assert.True(PasswordHasher.Verify("un mot de passe solide", s_hash));

    [Theory]
    [InlineData("un mot de passe Solide")]
    [InlineData("")]
    [InlineData(null)]
    public void Verify_AnyOtherPassword_Fails(string? attempt) => Assert.False(PasswordHasher.Verify(attempt, s_hash));

    [Fact]
    public void Hash_IsPbkdf2Sha256_WithRandomSaltAndAtLeast100kIterations()
    {
        var again = PasswordHasher.Hash("un mot de passe solide");
        var parts = s_hash.Split('$');

        Assert.Equal("pbkdf2-sha256", parts[0]);
        Assert.True(int.Parse(parts[1], CultureInfo.InvariantCulture) >= 100_000);
        Assert.NotEqual(s_hash, again);
        Assert.DoesNotContain("solide", s_hash, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain-text-password")]
    [InlineData("pbkdf2-sha256$1000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$210000$not base64$AAAA")]
    public void Verify_AMalformedOrWeakStoredHash_FailsWithoutThrowing(string stored) =>
        Assert.False(PasswordHasher.Verify("whatever", stored));

    [Fact]
    public void GeneratePassword_IsLongAndDifferentEachTime()
    {
        var a = PasswordHasher.GeneratePassword();
        var b = PasswordHasher.GeneratePassword();

        Assert.True(a.Length >= 32);
        Assert.NotEqual(a, b);
    }
}
