namespace Relay.Testing;

/// <summary>Every wait in these tests is bounded: a broken relay fails a test, it never hangs the suite.</summary>
internal static class Bounded
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public static CancellationTokenSource Token()
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        source.CancelAfter(Timeout);
        return source;
    }

    public static async Task<T> WaitAsync<T>(Task<T> task)
    {
        using var token = Token();
        return await task.WaitAsync(token.Token);
    }
}
