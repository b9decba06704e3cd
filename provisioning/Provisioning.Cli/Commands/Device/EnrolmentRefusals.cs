using System.Net;
using System.Text.RegularExpressions;
using Provisioning.Cli.Output;

namespace Provisioning.Cli.Commands.Device;

/// <summary>What the box is enrolling as: the site file's site and device, and where they come from.</summary>
internal sealed record BoxIdentity(string Site, string Device, string SiteFile)
{
    /// <summary><c>{site}.{device}</c>: the certificate's CN, the MQTT client id and username.</summary>
    public string Name => $"{Site}.{Device}";
}

/// <summary>
/// The relay's refusals of <c>POST /api/enroll</c> (problem+json with a stable <c>code</c>), as the installer needs to
/// read them: what happened, and what to do next (who to ask, what to check). The code itself is never repeated.
/// </summary>
internal static partial class EnrolmentRefusals
{
    private const string WhereCodesAreMade = "the relay's dashboard, Accounts → Boxes → Enrol a box";

    public static CheckFailedException For(HttpStatusCode status, string? code, string? detail, BoxIdentity box)
    {
        ArgumentNullException.ThrowIfNull(box);
        var askNew = $"Ask the relay's administrator for a new code for site '{box.Site}', device '{box.Device}' ({WhereCodesAreMade}), then run this command again with it.";
        return code switch
        {
            "unknown-code" => new CheckFailedException("The relay does not know this enrolment code: it was mistyped, or made on another relay. Nothing was enrolled.")
            {
                Hint = "Check it character by character (case, spaces and dashes do not matter; O reads as 0, I and L as 1). " +
                       $"If it still fails, ask the relay's administrator for a new code for site '{box.Site}', device '{box.Device}' ({WhereCodesAreMade}), then run this command again with it.",
            },
            "code-used" => new CheckFailedException("This enrolment code was already used: codes are single-use. Nothing was enrolled.")
            {
                Hint = askNew + $" If this box did not use it, tell the administrator: another machine may have enrolled as {box.Name} (revoke it).",
            },
            "code-expired" => new CheckFailedException("This enrolment code has expired (a code is valid 24 hours unless the administrator chose otherwise). Nothing was enrolled.")
            {
                Hint = askNew,
            },
            "identity-mismatch" => IdentityMismatch(detail, box),
            "invalid-csr" => new CheckFailedException($"The relay refused this box's certificate request: {detail ?? "no reason given"}. The code is still valid.")
            {
                Hint = "This is unexpected from this tool (it makes an ECDSA P-256 request): run the command again; if it fails the same way, report it with the relay's version.",
            },
            "rate-limited" => RateLimited(),
            _ when status == HttpStatusCode.TooManyRequests => RateLimited(),
            _ => new CheckFailedException($"The relay refused the enrolment: HTTP {(int)status} {status}{(detail is null ? string.Empty : $": {detail}")}{(code is null ? string.Empty : $" (code '{code}')")}.")
            {
                Hint = "Check that --relay is the crisis cell's relay (its HTTPS address), and that it is up to date. The code was not necessarily spent: try it again once.",
            },
        };
    }

    public static CheckFailedException RateLimited() =>
        new("The relay refuses more enrolment attempts from this address for now (too many in the last minute).")
        {
            Hint = "Wait a minute, then run the same command again: the code is unchanged.",
        };

    private static CheckFailedException IdentityMismatch(string? detail, BoxIdentity box)
    {
        var forWhom = detail is not null && CodeFor().Match(detail) is { Success: true } match ? match.Groups["identity"].Value : null;
        var codeSays = forWhom is null
            ? $"This enrolment code was made for another box than this one{(detail is null ? "." : $" ({detail}).")}"
            : $"This enrolment code is for {forWhom}, but the site file {box.SiteFile} says site '{box.Site}', device '{box.Device}' ({box.Name}).";
        return new CheckFailedException(codeSays + " Nothing was enrolled; the code is still valid.")
        {
            Hint = forWhom is null
                ? $"Use the site file of the box the code was made for, or ask the administrator for a code for site '{box.Site}', device '{box.Device}'."
                : $"Use the site file of {forWhom} (site.id and device.id), or ask the administrator for a code for site '{box.Site}', device '{box.Device}'.",
        };
    }

    /// <summary>The relay's detail: "The request asks for 'a.b' but this code is for 'c.d': …".</summary>
    [GeneratedRegex("this code is for '(?<identity>[a-z0-9-]+\\.[a-z0-9-]+)'", RegexOptions.CultureInvariant)]
    private static partial Regex CodeFor();
}
