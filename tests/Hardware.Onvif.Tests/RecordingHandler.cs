namespace Hardware.Onvif.Tests;

/// <summary>An HTTP handler that answers in memory and keeps the Authorization header of each request.</summary>
/// <remarks>The answer function gets the request and its body as text.</remarks>
internal sealed class RecordingHandler(Func<HttpRequestMessage, string, HttpResponseMessage> answer) : HttpMessageHandler
{
    private readonly List<string?> _authorizations = [];
    private readonly List<string> _bodies = [];

    public IReadOnlyList<string?> Authorizations => _authorizations;

    public IReadOnlyList<string> Bodies => _bodies;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _authorizations.Add(request.Headers.Authorization?.ToString());
        string body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        _bodies.Add(body);
        return answer(request, body);
    }
}
