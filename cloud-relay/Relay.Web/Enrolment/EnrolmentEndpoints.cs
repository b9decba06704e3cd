using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Relay.Core.Audit;
using Relay.Core.Certificates;
using Relay.Core.Enrolment;
using Relay.Ingest.Tls;
using Relay.Web.Audit;

namespace Relay.Web.Enrolment;

/// <summary>
/// Enrolment over HTTP, for the box's <c>device enroll</c> command. No session: the one-time code is the credential.
/// Rate-limited per remote address; every answer but a 429 is audited with the remote address (never the code).
/// </summary>
public static class EnrolmentEndpoints
{
    public const string RateLimitPolicy = "enrolment";

    /// <summary>Enough for a CSR (16 KB at most) and a code, wrapped in JSON.</summary>
    private const long MaxRequestBytes = 64 * 1024;

    public static IServiceCollection AddEnrolmentRateLimit(this IServiceCollection services)
    {
        services.AddSingleton<BrokerEndpointForBoxes>();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(RateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = http.RequestServices.GetRequiredService<IOptions<EnrolmentOptions>>().Value.AttemptsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
            options.OnRejected = (context, cancellationToken) => new ValueTask(context.HttpContext.Response.WriteAsJsonAsync(
                new { title = "Too many attempts", status = 429, detail = "Too many enrolment attempts from this address: wait a minute.", code = "rate-limited" },
                options: null,
                contentType: "application/problem+json",
                cancellationToken));
        });
        return services;
    }

    public static void MapEnrolmentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/enroll").WithTags("Enrolment").AllowAnonymous().RequireRateLimiting(RateLimitPolicy);

        group.MapPost("", EnrolAsync)
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes))
            .WithSummary("Enrol a box: one-time code + PKCS#10 request in, certificate out (no session)")
            .WithDescription("Body: {\"code\": \"XXXX-XXXX-XXXX-XXXX-XXXX\", \"csr\": \"-----BEGIN CERTIFICATE REQUEST-----...\"}. The request's " +
                             "subject must be CN={site}.{device} of the code, or empty. 401 unknown-code; 410 code-used or code-expired; 400 " +
                             "invalid-csr or identity-mismatch (the code stays usable); 429 rate-limited. Every attempt is audited.")
            .Produces<EnrolResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapGet("/ca", (TlsMaterial tls) => Results.Text(tls.Authority.CertificatePem, "application/x-pem-file"))
            .WithSummary("The relay's CA certificate (PEM), for a box to check against the fingerprint given with its code")
            .Produces<string>(contentType: "application/x-pem-file");
    }

    private static async Task<IResult> EnrolAsync(
        HttpContext http,
        EnrolRequest? request,
        DeviceEnrolment enrolment,
        DeviceRevocation revocation,
        TlsMaterial tls,
        BrokerEndpointForBoxes broker,
        AuditTrail audit,
        CancellationToken cancellationToken)
    {
        var remote = http.Connection.RemoteIpAddress?.ToString();
        var result = await enrolment.EnrolAsync(request?.Code, request?.Csr, remote, cancellationToken).ConfigureAwait(false);
        var actor = result.Device is { } device ? AuditActions.DeviceTarget(device) : "anonymous";
        var target = result.Device is { } d ? AuditActions.DeviceTarget(d) : null;
        if (!result.Succeeded)
        {
            await audit.RecordAsync(http, AuditActions.DeviceEnrolRefused, target, result.Outcome.Code(), actor: actor, cancellationToken: cancellationToken).ConfigureAwait(false);
            var status = result.Outcome switch
            {
                EnrolmentOutcome.UnknownCode => StatusCodes.Status401Unauthorized,
                EnrolmentOutcome.CodeUsed or EnrolmentOutcome.CodeExpired => StatusCodes.Status410Gone,
                _ => StatusCodes.Status400BadRequest,
            };
            return Results.Problem(statusCode: status, title: "Enrolment refused", detail: result.Detail,
                extensions: new Dictionary<string, object?> { ["code"] = result.Outcome.Code() });
        }

        var certificate = result.Certificate!;
        var detail = $"certificate {certificate.SerialNumber}, {result.KeyDescription}, valid until {certificate.NotAfter.ToUniversalTime():O}" +
                     (result.DeviceRegistered ? ", device registered" : "") +
                     (result.SupersededSerials.Count > 0 ? $", supersedes {string.Join(", ", result.SupersededSerials)}" : "");
        await audit.RecordAsync(http, AuditActions.DeviceEnrol, target, detail, actor: actor, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (result.SupersededSerials.Count > 0)
        {
            // Whoever holds the replaced certificate (a stolen box, an old one) loses its session now.
            await revocation.EnforceAsync().ConfigureAwait(false);
        }

        var id = result.Device!;
        return Results.Ok(new EnrolResponse(
            id.Site,
            id.Device,
            id.Username,
            certificate.CertificatePem + "\n" + tls.Authority.CertificatePem + "\n",
            tls.Authority.CertificatePem + "\n",
            certificate.SerialNumber,
            certificate.NotBefore,
            certificate.NotAfter,
            broker.Get()));
    }
}
