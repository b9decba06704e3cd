using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Relay.Testing;

/// <summary>An HTTP client of the relay with its own cookie jar, signed in (or not), that sends the antiforgery token
/// on every POST as the dashboard does.</summary>
internal sealed class RelayClient : IDisposable
{
    public const string TokenHeader = "X-CSRF-TOKEN";

    private RelayClient(Uri baseAddress)
    {
        Cookies = new CookieContainer();
        Http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = baseAddress, Timeout = Bounded.Timeout };
    }

    public HttpClient Http { get; }

    public CookieContainer Cookies { get; }

    public static async Task<RelayClient> AnonymousAsync(Uri baseAddress)
    {
        var client = new RelayClient(baseAddress);
        await client.RefreshTokenAsync();
        return client;
    }

    public static async Task<RelayClient> SignedInAsync(Uri baseAddress, string user, string password)
    {
        var client = await AnonymousAsync(baseAddress);
        using var response = await client.LoginAsync(user, password);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"login of {user} refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        return client;
    }

    /// <summary>Signs in; on success takes the token bound to the new session.</summary>
    public async Task<HttpResponseMessage> LoginAsync(string user, string password)
    {
        var response = await PostAsync("/api/session/login", new { user, password });
        if (response.IsSuccessStatusCode)
        {
            var session = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
            SetToken(session.GetProperty("antiforgeryToken").GetString()!);
        }

        return response;
    }

    public async Task RefreshTokenAsync()
    {
        var session = await GetJsonAsync("/api/session");
        SetToken(session.GetProperty("antiforgeryToken").GetString()!);
    }

    public Task<HttpResponseMessage> GetAsync(string path) => Http.GetAsync(path, TestContext.Current.CancellationToken);

    public Task<HttpResponseMessage> PostAsync(string path, object? body = null) =>
        Http.PostAsJsonAsync(path, body ?? new { }, TestContext.Current.CancellationToken);

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    public async Task<JsonElement> PostJsonAsync(string path, object? body = null)
    {
        using var response = await PostAsync(path, body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    public async Task<HttpStatusCode> StatusOfGetAsync(string path)
    {
        using var response = await GetAsync(path);
        return response.StatusCode;
    }

    public async Task<(HttpStatusCode Status, string Body)> PostForStatusAsync(string path, object? body = null)
    {
        using var response = await PostAsync(path, body);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public void Dispose() => Http.Dispose();

    private void SetToken(string token)
    {
        Http.DefaultRequestHeaders.Remove(TokenHeader);
        Http.DefaultRequestHeaders.Add(TokenHeader, token);
    }
}
