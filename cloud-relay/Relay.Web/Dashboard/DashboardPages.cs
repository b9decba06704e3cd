using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Relay.Web.Dashboard;

/// <summary>
/// The dashboard: static HTML, CSS and JavaScript modules, embedded in the executable (no front-end build step, no
/// files to deploy beside it). <c>/assets/*</c> is code and style, open to all; the dashboard page itself needs a
/// session (the cookie challenge sends a visitor to <c>/login</c>), and every piece of data comes from the API behind
/// the same session.
/// </summary>
public static class DashboardPages
{
    private static readonly EmbeddedFileProvider s_files = new(typeof(DashboardPages).Assembly, "Relay.Web.wwwroot");

    public static IApplicationBuilder UseDashboardAssets(this IApplicationBuilder app) =>
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new EmbeddedFileProvider(typeof(DashboardPages).Assembly, "Relay.Web.wwwroot.assets"),
            RequestPath = "/assets",
            OnPrepareResponse = context =>
            {
                // Revalidate every time: a relay upgrade must never leave an operator on yesterday's script.
                context.Context.Response.Headers.CacheControl = "no-cache";
                context.Context.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
            },
        });

    public static void MapDashboardPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (HttpContext http) => Page(http, "index.html")).ExcludeFromDescription();
        app.MapGet("/login", (HttpContext http) => Page(http, "login.html")).AllowAnonymous().ExcludeFromDescription();
    }

    private static IResult Page(HttpContext http, string name)
    {
        var headers = http.Response.Headers;
        headers.CacheControl = "no-store";
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers[HeaderNames.XFrameOptions] = "DENY";
        headers["Referrer-Policy"] = "no-referrer";

        // Scripts and styles only from the relay itself; snapshots are same-origin images; no inline script at all.
        headers[HeaderNames.ContentSecurityPolicy] =
            "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
        var file = s_files.GetFileInfo(name);
        return file.Exists ? Results.Stream(file.CreateReadStream(), "text/html; charset=utf-8") : Results.NotFound();
    }
}
