namespace Provisioning.Cli.Commands.Camera;

/// <summary>
/// URLs as the camera reports them may carry credentials (<c>rtsp://admin:pass@…</c>, <c>?pwd=…</c>): they are
/// shown with those removed, since the tool never prints a password.
/// </summary>
internal static class UriText
{
    private static readonly string[] s_secretParameters = ["password", "pwd", "passwd", "pass", "pw", "token", "auth"];

    public static string Redact(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var builder = new UriBuilder(uri);
        if (!string.IsNullOrEmpty(builder.Password))
        {
            builder.Password = "***";
        }

        if (builder.Query.Length > 1)
        {
            var parameters = builder.Query.TrimStart('?').Split('&').Select(parameter =>
            {
                var equals = parameter.IndexOf('=', StringComparison.Ordinal);
                var name = equals < 0 ? parameter : parameter[..equals];
                return equals >= 0 && s_secretParameters.Contains(name, StringComparer.OrdinalIgnoreCase) ? $"{name}=***" : parameter;
            });
            builder.Query = string.Join('&', parameters);
        }

        return builder.Uri.AbsoluteUri;
    }
}
