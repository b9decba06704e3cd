using System.Security.Claims;
using Edge.Contracts.Topics;
using Relay.Core.Audit;
using Relay.Core.Certificates;
using Relay.Core.Devices;
using Relay.Core.Enrolment;
using Relay.Ingest.Tls;
using Relay.Web.Accounts;
using Relay.Web.Audit;

namespace Relay.Web.Devices;

/// <summary>The boxes' identities, for administrators: list, enrolment codes, revocation. Every change is audited.</summary>
public static class DeviceEndpoints
{
    private const int MaxCommentLength = 500;

    public static void MapDeviceEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/devices").WithTags("Devices").RequireAuthorization(Roles.AdministratorPolicy);

        group.MapGet("", async (DeviceAccounts accounts, DeviceCertificates certificates, CancellationToken cancellationToken) =>
            {
                var all = await certificates.ListAsync(null, cancellationToken).ConfigureAwait(false);
                var byDevice = all.ToLookup(c => c.Device);
                var devices = await accounts.ListAsync(cancellationToken).ConfigureAwait(false);
                return Results.Ok(devices.Select(d => DeviceResponse.From(d, [.. byDevice[d.Id]])));
            })
            .WithSummary("List the registered boxes with how each authenticates (password, certificate)")
            .Produces<IReadOnlyList<DeviceResponse>>()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPost("/enrolment-codes", async (HttpContext http, CreateEnrolmentCodeRequest request, DeviceEnrolment enrolment, AuditTrail audit, CancellationToken cancellationToken) =>
            {
                if (!Identifiers.IsValid(request.Site) || !Identifiers.IsValid(request.Device))
                {
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: $"site and device must be {Identifiers.Rule}.");
                }

                var device = new DeviceId(request.Site!, request.Device!);
                IssuedEnrolmentCode issued;
                try
                {
                    var validity = request.ValidHours is { } hours && double.IsFinite(hours) ? TimeSpan.FromHours(Math.Clamp(hours, 0, 24 * 365)) : (TimeSpan?)null;
                    issued = await enrolment.CreateCodeAsync(device, validity, http.User.FindFirstValue(ClaimTypes.Name)!, cancellationToken).ConfigureAwait(false);
                }
                catch (ArgumentOutOfRangeException ex)
                {
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: ex.Message.Split(Environment.NewLine)[0]);
                }

                await audit.RecordAsync(http, AuditActions.EnrolmentCodeCreate, AuditActions.DeviceTarget(device),
                    $"single use, valid until {issued.ExpiresAt.ToUniversalTime():O}", cancellationToken: cancellationToken).ConfigureAwait(false);
                return Results.Created($"/api/devices", new EnrolmentCodeResponse(issued.Code, device.Site, device.Device, device.Username, issued.ExpiresAt, issued.CaFingerprint));
            })
            .WithSummary("Create a one-time enrolment code for a box (shown once)")
            .WithDescription("Body: {\"site\": ..., \"device\": ..., \"validHours\": 24}. The code is stored hashed: this answer is the only time it is shown. " +
                             "The installer types it on the box with the CA fingerprint, and the box calls POST /api/enroll.")
            .Produces<EnrolmentCodeResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPost("/{site}/{device}/revoke", async (HttpContext http, string site, string device, RevokeDeviceRequest? request, DeviceAccounts accounts,
                DeviceCertificates certificates, DeviceRevocation revocation, AuditTrail audit, CancellationToken cancellationToken) =>
            {
                if (!Identifiers.IsValid(site) || !Identifiers.IsValid(device))
                {
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: $"site and device must be {Identifiers.Rule}.");
                }

                var id = new DeviceId(site, device);
                if (!await accounts.ExistsAsync(id, cancellationToken).ConfigureAwait(false) &&
                    (await certificates.ListAsync(id, cancellationToken).ConfigureAwait(false)).Count == 0)
                {
                    return Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"No device '{id.Username}' and no certificate for it.");
                }

                var outcome = await revocation.RevokeAsync(id, http.User.FindFirstValue(ClaimTypes.Name)!, cancellationToken).ConfigureAwait(false);
                var serials = outcome.Revoked.Select(c => c.SerialNumber).ToList();
                var comment = request?.Comment is { Length: > 0 } text ? text[..Math.Min(text.Length, MaxCommentLength)] : null;
                var detail = (serials.Count == 0 ? "no valid certificate" : $"certificates {string.Join(", ", serials)}") +
                             $"; sessions ended: {outcome.SessionsEnded}" + (comment is null ? "" : $"; {comment}");
                await audit.RecordAsync(http, AuditActions.DeviceRevoke, AuditActions.DeviceTarget(id), detail, cancellationToken: cancellationToken).ConfigureAwait(false);
                return Results.Ok(new RevokeDeviceResponse(id.Username, serials, outcome.SessionsEnded));
            })
            .WithSummary("Revoke a box's certificate: refused at its next connection, its open session ended now")
            .WithDescription("Body: {\"comment\": \"box stolen\"} (optional). The device stays registered (its history is kept); enrol it again " +
                             "with a new code to give it a new certificate. An external broker applies the revocation once its CRL is exported again " +
                             "(devices export-mosquitto) and it is restarted.")
            .Produces<RevokeDeviceResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
