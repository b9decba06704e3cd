using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Authentication;

namespace Relay.Web.Dashboard;

public static class FeedEndpoints
{
    /// <summary>Often enough that proxies and browsers keep an idle stream open, and a dead one is noticed.</summary>
    private static readonly TimeSpan s_keepAlive = TimeSpan.FromSeconds(20);

    public static void MapFeedEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/stream", async (HttpContext http, DashboardFeed feed, IHostApplicationLifetime lifetime, TimeProvider timeProvider) =>
        {
            // The stream ends when the session does (the browser then reconnects and is refused), and when the relay
            // stops (an open stream would otherwise hold shutdown for its whole timeout).
            var session = await http.AuthenticateAsync().ConfigureAwait(false);
            var expiresAt = session.Properties?.ExpiresUtc;
            var stopping = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
            http.Response.RegisterForDispose(stopping);
            var subscription = feed.Subscribe();
            http.Response.RegisterForDispose(subscription);
            return TypedResults.ServerSentEvents(StreamAsync(subscription, expiresAt, timeProvider, stopping.Token));
        })
        .WithTags("Dashboard")
        .WithSummary("Live feed (Server-Sent Events)")
        .WithDescription("text/event-stream. Events: hello (on connect), alert ({change, alert}: change is the stored event kind, 'snapshot', or the crisis cell's 'acknowledge'/'close'), site (a SiteResponse), command (a CommandResponse), audit (an AuditEntry), ping (keep-alive), resync (messages were dropped: reload everything). The stream ends when the session expires.")
        .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");

    private static async IAsyncEnumerable<SseItem<string>> StreamAsync(
        FeedSubscription subscription, DateTimeOffset? expiresAt, TimeProvider timeProvider, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return new SseItem<string>("{}", "hello");
        while (!cancellationToken.IsCancellationRequested)
        {
            var wait = s_keepAlive;
            if (expiresAt is { } expiry)
            {
                var left = expiry - timeProvider.GetUtcNow();
                if (left <= TimeSpan.Zero)
                {
                    yield break;
                }

                wait = left < wait ? left : wait;
            }

            var outcome = await WaitAsync(subscription, wait, timeProvider, cancellationToken).ConfigureAwait(false);
            if (outcome == WaitOutcome.Ended)
            {
                yield break;
            }

            if (outcome == WaitOutcome.Idle)
            {
                yield return new SseItem<string>("{}", "ping");
                continue;
            }

            while (subscription.Reader.TryRead(out var message))
            {
                yield return new SseItem<string>(message.Json, message.Type);
            }

            if (subscription.TakeOverflow())
            {
                yield return new SseItem<string>("{}", "resync");
            }
        }
    }

    private enum WaitOutcome
    {
        Ready,
        Idle,
        Ended,
    }

    private static async Task<WaitOutcome> WaitAsync(FeedSubscription subscription, TimeSpan wait, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        using var idle = new CancellationTokenSource(wait, timeProvider);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
        try
        {
            return await subscription.Reader.WaitToReadAsync(either.Token).ConfigureAwait(false) ? WaitOutcome.Ready : WaitOutcome.Ended;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return WaitOutcome.Idle;
        }
        catch (OperationCanceledException)
        {
            return WaitOutcome.Ended;
        }
    }
}
