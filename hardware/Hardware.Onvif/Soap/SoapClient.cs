using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using Hardware.Onvif.Errors;
using Hardware.Onvif.Http;
using Hardware.Onvif.Security;
using Microsoft.Extensions.Logging;

namespace Hardware.Onvif.Soap;

/// <summary>
/// Sends one ONVIF operation as SOAP 1.2 over HTTP POST and returns its response element, or throws a
/// typed <see cref="OnvifException"/>. Authentication follows protocols.md §3.8 item 3: WS-Security
/// UsernameToken first; if the camera answers 401, HTTP digest/basic instead, never both on one request.
/// </summary>
internal sealed class SoapClient(
    HttpMessageInvoker http,
    HttpAuthenticator httpAuthenticator,
    CameraClock clock,
    NetworkCredential? credential,
    Func<byte[]> randomBytes,
    TimeSpan requestTimeout,
    TimeProvider timeProvider,
    ILogger logger)
{
    /// <summary>
    /// Called once when WS-Security is refused, to measure the camera clock again (protocols.md §3.3:
    /// "refresh on NotAuthorized"); returns true when the offset moved enough to be worth a retry.
    /// </summary>
    public Func<CancellationToken, Task<bool>>? ResynchroniseClock { get; set; }

    public CameraClock Clock => clock;

    /// <summary>
    /// Sends <paramref name="request"/> (the operation element, in its service namespace) to the service at
    /// <paramref name="endpoint"/>; <paramref name="authenticate"/> is false only for GetSystemDateAndTime's
    /// first, anonymous, attempt.
    /// </summary>
    public async Task<XElement> InvokeAsync(Uri endpoint, XElement request, bool authenticate, CancellationToken cancellationToken)
    {
        try
        {
            return await InvokeOnceAsync(endpoint, request, authenticate, cancellationToken).ConfigureAwait(false);
        }
        catch (OnvifAuthenticationException) when (authenticate && credential is not null && ResynchroniseClock is not null
            && !httpAuthenticator.UsesHttpAuthentication(endpoint))
        {
            if (!await ResynchroniseClock(cancellationToken).ConfigureAwait(false))
            {
                throw;
            }
        }

        logger.LogInformation("WS-Security refused by {Endpoint} and the camera clock moved; retrying {Operation} once", endpoint, request.Name.LocalName);
        return await InvokeOnceAsync(endpoint, request, authenticate, cancellationToken).ConfigureAwait(false);
    }

    private async Task<XElement> InvokeOnceAsync(Uri endpoint, XElement request, bool authenticate, CancellationToken cancellationToken)
    {
        string operation = request.Name.LocalName;
        string action = request.Name.NamespaceName + "/" + operation;
        string context = $"{operation} at {endpoint}";
        bool sentHttpCredentials = false;

        long started = Stopwatch.GetTimestamp();
        HttpAnswer answer = await HttpExchange.SendAsync(
            http,
            httpAuthenticator,
            endpoint,
            withHttpCredentials =>
            {
                sentHttpCredentials = withHttpCredentials;
                XElement? security = authenticate && !withHttpCredentials && credential is not null
                    ? UsernameToken.CreateSecurityHeader(credential.UserName, credential.Password, randomBytes(), clock.CameraNow)
                    : null;
                return CreateHttpRequest(endpoint, action, SoapEnvelope.Create(new XElement(request), security));
            },
            operation,
            requestTimeout,
            timeProvider,
            cancellationToken).ConfigureAwait(false);
        (HttpStatusCode status, byte[] bytes) = (answer.Status, answer.Body);

        logger.LogDebug("{Operation} at {Endpoint}: HTTP {Status}, {Length} bytes in {Elapsed} ms",
            operation, endpoint, (int)status, bytes.Length, (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds);

        if (status == HttpStatusCode.Unauthorized)
        {
            // Either we had no credentials, or the camera refused the digest we computed from its challenge.
            throw AuthenticationFailure.Create(endpoint, operation, credential?.UserName, clock, viaHttp: true);
        }

        XElement body;
        try
        {
            body = SoapEnvelope.GetBody(TolerantXmlParser.Parse(bytes, answer.Charset, context), context);
        }
        catch (OnvifProtocolException) when ((int)status >= 300)
        {
            // An HTML error page or nothing at all: the status is the only thing that tells what happened.
            throw HttpFailures.Status(endpoint, operation, status);
        }

        if (SoapEnvelope.FindFault(body) is { } fault)
        {
            throw ToException(fault, endpoint, operation, sentHttpCredentials);
        }

        if ((int)status >= 300)
        {
            throw HttpFailures.Status(endpoint, operation, status);
        }

        return SoapEnvelope.GetResponse(body, operation, context);
    }

    private OnvifException ToException(SoapFault fault, Uri endpoint, string operation, bool sentHttpCredentials)
    {
        // ter:NotAuthorized is ONVIF's (Core §5.11.2.2); the other three are WS-Security 1.0 §12 fault codes.
        bool notAuthorized = fault.HasSubcode("NotAuthorized") || fault.HasSubcode("FailedAuthentication")
            || fault.HasSubcode("InvalidSecurityToken") || fault.HasSubcode("InvalidSecurity")
            || (fault.Reason?.Contains("not authorized", StringComparison.OrdinalIgnoreCase) ?? false);
        if (notAuthorized)
        {
            return AuthenticationFailure.Create(endpoint, operation, credential?.UserName, clock, sentHttpCredentials);
        }

        string subcodes = fault.Subcodes.Count == 0 ? string.Empty : " / " + string.Join(" / ", fault.Subcodes);
        string reason = string.IsNullOrWhiteSpace(fault.Reason) ? string.Empty : $": {fault.Reason}";
        string hint = fault.HasSubcode("ActionNotSupported") ? " (the camera does not implement this operation)" : string.Empty;
        return new OnvifFaultException($"The camera at {endpoint} answered {operation} with the SOAP fault {fault.Code}{subcodes}{reason}{hint}.")
        {
            Endpoint = endpoint,
            Operation = operation,
            Code = fault.Code,
            Subcodes = fault.Subcodes,
            Reason = fault.Reason,
        };
    }

    private static HttpRequestMessage CreateHttpRequest(Uri endpoint, string action, XDocument envelope)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(envelope.ToString(SaveOptions.DisableFormatting)));

        // SOAP 1.2 carries the action as a media type parameter (RFC 3902), where agsh/onvif puts it too.
        var contentType = new MediaTypeHeaderValue("application/soap+xml") { CharSet = "utf-8" };
        contentType.Parameters.Add(new NameValueHeaderValue("action", "\"" + action + "\""));
        content.Headers.ContentType = contentType;
        return new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
    }
}
