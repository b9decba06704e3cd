using Relay.Core.Audit;
using Relay.Core.Commands;

namespace Relay.Web.Commands;

/// <summary>The crisis cell's actions (each sends commands to boxes) and where those commands stand.</summary>
public static class CommandEndpoints
{
    public static void MapCommandEndpoints(this IEndpointRouteBuilder app)
    {
        var alerts = app.MapGroup("/api/alerts/{alertId:guid}").WithTags("Crisis cell actions");

        alerts.MapPost("/acknowledge", (HttpContext http, Guid alertId, ActionRequest? request, CrisisCellActions actions, CancellationToken cancellationToken) =>
                RunAsync(() => actions.AcknowledgeAsync(http, alertId, request?.Comment, cancellationToken)))
            .WithSummary("Acknowledge an alert")
            .WithDescription("Records who acknowledged and when, and sends an 'acknowledge' command to the box (its LED shows it; the siren stops if the scenario says so). The box answers with an 'acknowledged' event carrying the command id.")
            .Accepts<ActionRequest>(isOptional: true, "application/json")
            .Produces<ActionResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        alerts.MapPost("/silence-siren", (HttpContext http, Guid alertId, ActionRequest? request, CrisisCellActions actions, CancellationToken cancellationToken) =>
                RunAsync(() => actions.SilenceSirenAsync(http, alertId, request?.Comment, cancellationToken)))
            .WithSummary("Silence the siren of an alert's box")
            .WithDescription("Sends a 'silence-siren' command; the box answers with a 'siren-silenced' event.")
            .Accepts<ActionRequest>(isOptional: true, "application/json")
            .Produces<ActionResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        alerts.MapPost("/close", (HttpContext http, Guid alertId, CloseRequest request, CrisisCellActions actions, CancellationToken cancellationToken) =>
                RunAsync(() => actions.CloseAsync(http, alertId, request.Comment, cancellationToken)))
            .WithSummary("Close an alert with a comment")
            .WithDescription("Records the closure (who, when, comment) at the relay, then sends a 'clear' command so that the box returns its outputs to idle; its 'cleared' event moves the alert's status. 409 if already closed.")
            .Produces<ActionResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        alerts.MapGet("/actions", async (Guid alertId, CrisisCellActions actions, CancellationToken cancellationToken) =>
                Results.Ok(await actions.HistoryAsync(AuditActions.AlertTarget(alertId), cancellationToken).ConfigureAwait(false)))
            .WithSummary("The crisis cell's actions on an alert, oldest first, with their commands' state")
            .Produces<IReadOnlyList<ActionResponse>>();

        var sites = app.MapGroup("/api/sites/{site}").WithTags("Crisis cell actions");

        sites.MapPost("/drill/start", (HttpContext http, string site, ActionRequest? request, CrisisCellActions actions, CancellationToken cancellationToken) =>
                RunAsync(() => actions.DrillAsync(http, site, start: true, request?.Comment, cancellationToken)))
            .WithSummary("Start exercise mode on every box of a site")
            .WithDescription("Sends 'drill-start' to each box of the site; each answers 'command-applied'. Alerts raised meanwhile carry drill: true and are shown as EXERCICE. 404 if no box is registered for the site.")
            .Accepts<ActionRequest>(isOptional: true, "application/json")
            .Produces<ActionResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        sites.MapPost("/drill/stop", (HttpContext http, string site, ActionRequest? request, CrisisCellActions actions, CancellationToken cancellationToken) =>
                RunAsync(() => actions.DrillAsync(http, site, start: false, request?.Comment, cancellationToken)))
            .WithSummary("End exercise mode on every box of a site")
            .Accepts<ActionRequest>(isOptional: true, "application/json")
            .Produces<ActionResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        sites.MapGet("/actions", async (string site, CrisisCellActions actions, CancellationToken cancellationToken) =>
                Results.Ok(await actions.HistoryAsync(AuditActions.SiteTarget(site), cancellationToken).ConfigureAwait(false)))
            .WithSummary("The crisis cell's actions on a site (drills), oldest first, with their commands' state")
            .Produces<IReadOnlyList<ActionResponse>>();

        app.MapGet("/api/commands/{commandId:guid}", async (Guid commandId, CommandLedger ledger, CancellationToken cancellationToken) =>
                await ledger.GetAsync(commandId, cancellationToken).ConfigureAwait(false) is { } command
                    ? Results.Ok(CommandResponse.From(command))
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"No command {commandId}."))
            .WithTags("Crisis cell actions")
            .WithSummary("Where one command stands: pending (sent or waiting for the box), applied, rejected (with the box's reason), expired")
            .Produces<CommandResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> RunAsync(Func<Task<ActionResponse>> action)
    {
        try
        {
            return Results.Ok(await action().ConfigureAwait(false));
        }
        catch (ActionRefusedException ex)
        {
            return Results.Problem(statusCode: ex.StatusCode, detail: ex.Message);
        }
    }
}
