using Microsoft.AspNetCore.Antiforgery;

namespace Relay.Web.Accounts;

/// <summary>
/// Refuses a state-changing request without a valid antiforgery token in the <c>X-CSRF-TOKEN</c> header (the
/// dashboard gets its token from <c>GET /api/session</c>). SameSite=Strict cookies already stop cross-site requests in
/// current browsers; this is the second lock, and it also covers the login form (login CSRF).
/// </summary>
public sealed class AntiforgeryFilter(IAntiforgery antiforgery) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && !HttpMethods.IsOptions(http.Request.Method))
        {
            try
            {
                await antiforgery.ValidateRequestAsync(http).ConfigureAwait(false);
            }
            catch (AntiforgeryValidationException)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Antiforgery token missing or invalid",
                    detail: $"Send the token from GET /api/session in the {CookieSessions.AntiforgeryHeader} header.");
            }
        }

        return await next(context).ConfigureAwait(false);
    }
}
