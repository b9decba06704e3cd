using LiteDB;
using Relay.Core.Audit;
using Relay.Testing;

namespace Relay.Core.Tests;

/// <summary>The audit log in the store: append-only, in order, and a change made to the file behind the relay's back
/// breaks the hash chain where it was made.</summary>
public sealed class AuditLogStoreTests : IDisposable
{
    private readonly TestStore _store = new();

    public void Dispose() => _store.Dispose();

    private Task<AuditEntry> AppendAsync(string action, string? detail = null) =>
        _store.Store.AppendAsync(new AuditEntry { At = _store.Time.GetUtcNow(), Actor = "agent", Action = action, Target = "alert:x", Detail = detail, RemoteAddress = "127.0.0.1" }, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Entries_AreNumberedInOrder_ChainedAndReadNewestFirst()
    {
        var first = await AppendAsync(AuditActions.Login);
        var second = await AppendAsync(AuditActions.Acknowledge, "on my way");

        var entries = await _store.Store.QueryAsync(new AuditQuery(), TestContext.Current.CancellationToken);

        Assert.Equal([2L, 1L], entries.Select(e => e.Seq));
        Assert.NotEqual(first.Hash, second.Hash);
        Assert.Equal("on my way", entries[0].Detail);
        Assert.Null(await _store.Store.FindFirstBrokenLinkAsync(TestContext.Current.CancellationToken));
        Assert.Single(await _store.Store.QueryAsync(new AuditQuery(Action: AuditActions.Login), TestContext.Current.CancellationToken));
        Assert.Single(await _store.Store.QueryAsync(new AuditQuery(BeforeSeq: 2), TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnEntryEditedOrRemovedInTheFile_BreaksTheChainThere(bool remove)
    {
        await AppendAsync(AuditActions.Login);
        await AppendAsync(AuditActions.Close, "fin");
        await AppendAsync(AuditActions.Logout);
        _store.Store.Dispose();

        using (var raw = new LiteDatabase($"Filename={_store.Path}"))
        {
            var audit = raw.GetCollection("audit");
            if (remove)
            {
                audit.Delete(2L);
            }
            else
            {
                var entry = audit.FindById(2L);
                entry["Detail"] = "nothing happened";
                audit.Update(entry);
            }
        }

        _store.Reopen();
        Assert.Equal(2L, await _store.Store.FindFirstBrokenLinkAsync(TestContext.Current.CancellationToken));
    }
}
