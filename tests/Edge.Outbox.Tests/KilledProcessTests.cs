using Edge.Testing.Processes;
using Microsoft.Extensions.Logging.Abstractions;

namespace Edge.Outbox.Tests;

/// <summary>A real writer process killed with SIGKILL in the middle of its appends.</summary>
public sealed class KilledProcessTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("outbox-kill-").FullName;

    [Fact]
    public async Task SigKill_DuringAppends_LosesNothingThatWasAcknowledged()
    {
        var path = Path.Combine(_dir, "outbox.db");
        var ct = TestContext.Current.CancellationToken;
        long acknowledged = 0;

        // Three crashes in a row on the same file: recovery must also survive a crash right after a recovery.
        for (var round = 0; round < 3; round++)
        {
            await using var writer = ChildProcess.StartHelper("outbox-writer", path);
            var ready = await writer.WaitForLineAsync(l => l.StartsWith("ready", StringComparison.Ordinal), TimeSpan.FromSeconds(60), ct);
            Assert.Equal(acknowledged, long.Parse(ready.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture));

            // Let it get well into its stride, then pull the plug mid-append.
            var target = acknowledged + 200;
            while (acknowledged < target)
            {
                var line = await writer.WaitForLineAsync(l => l.StartsWith("appended", StringComparison.Ordinal), TimeSpan.FromSeconds(60), ct);
                acknowledged = long.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
            }

            await writer.KillAsync();

            // Lines printed before the kill but not yet read are acknowledged too.
            while (await writer.ReadLineAsync(ct) is { } rest)
            {
                if (rest.StartsWith("appended", StringComparison.Ordinal))
                {
                    acknowledged = long.Parse(rest.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            using var outbox = LiteDbOutbox.Open(path, TimeProvider.System, NullLogger.Instance);
            var seqs = outbox.ReadEvents(0, int.MaxValue).Select(e => e.Seq).ToList();

            // Everything acknowledged is there, in order, without gaps; at most the one append in flight at the
            // kill may also be there (it was written but its line was never printed).
            Assert.True(seqs.Count >= acknowledged, $"round {round}: {seqs.Count} stored, {acknowledged} acknowledged");
            Assert.True(seqs.Count <= acknowledged + 1);
            Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (long)i), seqs);
            Assert.Null(outbox.Health.Fault);
            acknowledged = seqs.Count;
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
