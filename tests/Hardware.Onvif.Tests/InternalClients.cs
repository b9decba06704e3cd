using System.Net;
using System.Security.Cryptography;
using Hardware.Onvif.Media;
using Hardware.Onvif.Security;
using Hardware.Onvif.Soap;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hardware.Onvif.Tests;

/// <summary>The client's inner parts, assembled by hand for tests that need one of them alone.</summary>
internal static class InternalClients
{
    private static byte[] RandomBytes() => RandomNumberGenerator.GetBytes(16);

    /// <param name="http">HTTP client.</param>
    /// <param name="credential">Credentials.</param>
    /// <param name="clockOffset">The camera clock offset to apply; null = never measured (our clock).</param>
    /// <param name="timeProvider">Clock; system when null.</param>
    /// <param name="randomBytes">Nonce source; random when null.</param>
    public static SoapClient CreateSoapClient(
        HttpMessageInvoker http,
        NetworkCredential? credential,
        TimeSpan? clockOffset,
        TimeProvider? timeProvider = null,
        Func<byte[]>? randomBytes = null)
    {
        timeProvider ??= TimeProvider.System;
        var clock = new CameraClock(timeProvider);
        if (clockOffset is { } offset)
        {
            clock.SetOffset(offset);
        }

        return new SoapClient(http, new HttpAuthenticator(credential, randomBytes ?? RandomBytes), clock, credential, randomBytes ?? RandomBytes,
            TimeSpan.FromSeconds(5), timeProvider, NullLogger.Instance);
    }

    public static SnapshotDownloader CreateSnapshotDownloader(HttpMessageInvoker http, NetworkCredential credential) =>
        new(http, new HttpAuthenticator(credential, RandomBytes), new CameraClock(TimeProvider.System), credential.UserName,
            TimeSpan.FromSeconds(5), TimeProvider.System, NullLogger.Instance);
}
