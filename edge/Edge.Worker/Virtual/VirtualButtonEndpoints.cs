using System.Collections.Concurrent;
using Edge.Worker.Hardware;

namespace Edge.Worker.Virtual;

/// <summary>
/// <c>POST /virtual/buttons/{id}/press[?holdMs=N]</c> and <c>/release</c>: the virtual board's buttons, for demos and
/// tests. Mapped only when the board is virtual, so a real box cannot be "pressed" over HTTP.
/// </summary>
public static class VirtualButtonEndpoints
{
    public static void MapVirtualButtonEndpoints(this IEndpointRouteBuilder app, SiteHardware hardware)
    {
        if (!hardware.Board.IsVirtual)
        {
            return;
        }

        // Releases scheduled by holdMs, per box: one box's press must never cancel another's.
        var releases = new ConcurrentDictionary<string, ITimer>(StringComparer.Ordinal);

        app.MapPost("/virtual/buttons/{buttonId}/press", (string buttonId, int? holdMs, TimeProvider time) =>
        {
            if (!hardware.Buttons.ContainsKey(buttonId))
            {
                return UnknownButton(buttonId, hardware);
            }

            if (holdMs is < 0 or > 600_000)
            {
                return Results.Problem($"holdMs must be between 0 and 600000, got {holdMs}.", statusCode: StatusCodes.Status400BadRequest);
            }

            CancelPendingRelease(releases, buttonId);
            hardware.SetVirtualButton(buttonId, pressed: true);
            if (holdMs is { } hold)
            {
                // Released by a timer, as a hand would: the request returns at once.
                var timer = time.CreateTimer(_ => Release(releases, buttonId, hardware), null, TimeSpan.FromMilliseconds(hold), Timeout.InfiniteTimeSpan);
                releases[buttonId] = timer;
            }

            return Results.Json(new { button = buttonId, pressed = true, releaseAfterMs = holdMs });
        });

        app.MapPost("/virtual/buttons/{buttonId}/release", (string buttonId) =>
        {
            if (!hardware.Buttons.ContainsKey(buttonId))
            {
                return UnknownButton(buttonId, hardware);
            }

            CancelPendingRelease(releases, buttonId);
            hardware.SetVirtualButton(buttonId, pressed: false);
            return Results.Json(new { button = buttonId, pressed = false });
        });
    }

    private static void Release(ConcurrentDictionary<string, ITimer> releases, string buttonId, SiteHardware hardware)
    {
        CancelPendingRelease(releases, buttonId);
        hardware.SetVirtualButton(buttonId, pressed: false);
    }

    private static void CancelPendingRelease(ConcurrentDictionary<string, ITimer> releases, string buttonId)
    {
        if (releases.TryRemove(buttonId, out var timer))
        {
            timer.Dispose();
        }
    }

    private static IResult UnknownButton(string buttonId, SiteHardware hardware) =>
        Results.Problem($"No button '{buttonId}' on this box. Buttons: {string.Join(", ", hardware.Buttons.Keys)}.", statusCode: StatusCodes.Status404NotFound);
}
