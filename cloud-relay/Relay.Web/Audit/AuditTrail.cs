using System.Security.Claims;
using Relay.Core.Accounts;
using Relay.Core.Audit;
using Relay.Web.Dashboard;

namespace Relay.Web.Audit;

/// <summary>
/// Writes audit entries with who and from where filled in from the request (remote address, user agent), and puts
/// them on the dashboard's live feed.
/// </summary>
public sealed class AuditTrail(IAuditLog log, DashboardFeed feed, TimeProvider timeProvider)
{
    private const int MaxUserAgentLength = 300;

    /// <summary>Records an action of the signed-in user (or of <paramref name="actor"/>, for a failed login).</summary>
    public async Task<AuditEntry> RecordAsync(
        HttpContext http,
        string action,
        string? target = null,
        string? detail = null,
        IReadOnlyList<Guid>? commandIds = null,
        string? actor = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        var userAgent = http.Request.Headers.UserAgent.ToString();
        return await AppendAsync(new AuditEntry
        {
            At = timeProvider.GetUtcNow(),
            Actor = actor ?? http.User.FindFirstValue(ClaimTypes.Name) ?? "anonymous",
            Action = action,
            Target = target,
            Detail = detail,
            RemoteAddress = http.Connection.RemoteIpAddress?.ToString(),
            UserAgent = userAgent.Length > MaxUserAgentLength ? userAgent[..MaxUserAgentLength] : userAgent,
            CommandIds = commandIds ?? [],
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records what the relay did by itself, as the <c>system</c> user.</summary>
    public Task<AuditEntry> RecordSystemAsync(string action, string? target, string? detail, CancellationToken cancellationToken) =>
        AppendAsync(new AuditEntry { At = timeProvider.GetUtcNow(), Actor = UserNames.System, Action = action, Target = target, Detail = detail, RemoteAddress = "local" }, cancellationToken);

    private async Task<AuditEntry> AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        var appended = await log.AppendAsync(entry, cancellationToken).ConfigureAwait(false);
        feed.Publish(FeedSignal.ForAudit(appended));
        return appended;
    }
}
