using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Relay.Core.Accounts;

namespace Relay.Web.Accounts;

/// <summary>What a session cookie says about its holder: name, role, and the account's security stamp at sign-in.</summary>
public static class SessionClaims
{
    public const string SecurityStamp = "relay:stamp";

    public static ClaimsPrincipal For(UserRecord user) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, user.Name),
            new Claim(ClaimTypes.Role, RoleName(user.Role)),
            new Claim(SecurityStamp, user.SecurityStamp),
        ],
        CookieAuthenticationDefaults.AuthenticationScheme,
        ClaimTypes.Name,
        ClaimTypes.Role));

    public static string RoleName(UserRole role) => role == UserRole.Administrator ? Roles.Administrator : Roles.Operator;
}

/// <summary>Role names as they appear in claims and policies.</summary>
public static class Roles
{
    public const string Operator = "operator";

    public const string Administrator = "administrator";

    /// <summary>Policy: an administrator (account management).</summary>
    public const string AdministratorPolicy = "administrator";
}
