namespace Relay.Web.Accounts;

/// <summary><c>Relay:Auth</c>: sessions and login throttling of the crisis cell's accounts.</summary>
public sealed class AuthOptions
{
    public const string Section = "Relay:Auth";

    /// <summary>A session ends after this long without a request (sliding: every request renews it). A shift is 8 h.</summary>
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Wrong passwords in a row before the account is locked for <see cref="LockoutDuration"/>.</summary>
    public int MaxFailedLogins { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// <c>SameAsRequest</c> (default): the session cookie is marked Secure when the page came over HTTPS, so the relay
    /// still works on plain loopback HTTP; <c>Always</c> once it is only reached through TLS.
    /// </summary>
    public CookieSecurePolicy CookieSecure { get; set; } = CookieSecurePolicy.SameAsRequest;
}
