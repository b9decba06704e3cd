namespace Provisioning.Cli.Tests.Support;

/// <summary>
/// Every wait is bounded (a broken peer fails a test, it never hangs the suite), and ends as soon as what is awaited is
/// there: a state read again every 50 ms where the peer has no event to await, never a fixed sleep.
/// </summary>
internal static class Waits
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public static CancellationTokenSource Token()
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        source.CancelAfter(Timeout);
        return source;
    }

    /// <summary>Reads <paramref name="read"/> until <paramref name="done"/> says yes; fails with <paramref name="what"/> and the last value.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        using var token = Token();
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        var last = default(T);
        try
        {
            do
            {
                last = await read();
                if (done(last))
                {
                    return last;
                }
            }
            while (await tick.WaitForNextTickAsync(token.Token));
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
        }

        throw new TimeoutException($"Waited {Timeout.TotalSeconds:0} s for {what}; last seen: {last}");
    }
}
