using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Relay.Web.Accounts;

namespace Relay.Web.Api;

/// <summary>The OpenAPI document's title, description and the session cookie as its security scheme.</summary>
internal sealed class ApiDescription : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Relay HTTP API",
            Version = "v1",
            Description = "The crisis cell's relay: sites (one box per building), alerts with their timeline and snapshots, "
                + "the crisis cell's actions (acknowledge, silence, close, drills) sent to the boxes as commands, accounts, "
                + "audit log, a live feed (Server-Sent Events), and the boxes' identities (enrolment codes, certificates, revocation). "
                + "A box enrols with POST /api/enroll, without a session: its one-time code is the credential. Everything else under "
                + "/api needs a session: POST /api/session/login "
                + "sets the relay.session cookie; every POST also needs the antiforgery token from GET /api/session in the "
                + $"{CookieSessions.AntiforgeryHeader} header. GET /health is open.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["session"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = CookieSessions.CookieName,
            Description = "Session cookie from POST /api/session/login (sliding expiry, 8 h by default).",
        };
        return Task.CompletedTask;
    }
}
