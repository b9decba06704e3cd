using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Relay.Core.Audit;
using Relay.Core.Storage.Documents;

namespace Relay.Core.Storage;

/// <summary>The audit log: insert and read, nothing else. The hash chain makes a change made to the file by other
/// means detectable.</summary>
public sealed partial class LiteDbRelayStore
{
    public Task<AuditEntry> AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Write(() =>
        {
            // Under the write gate: seq and previous hash cannot race another append.
            var last = _audit.Query().OrderByDescending(x => x.Id).Limit(1).FirstOrDefault();
            var document = new AuditDocument
            {
                Id = (last?.Id ?? 0) + 1,
                // LiteDB keeps milliseconds: the hash must be over what will be read back.
                At = new DateTimeOffset(entry.At.UtcTicks - entry.At.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero),
                Actor = entry.Actor,
                Action = entry.Action,
                Target = entry.Target,
                Detail = entry.Detail,
                RemoteAddress = entry.RemoteAddress,
                UserAgent = entry.UserAgent,
                CommandIds = [.. entry.CommandIds],
            };
            document.Hash = ChainHash(last?.Hash ?? "", document);
            _audit.Insert(document);
            return ToEntry(document);
        }));
    }

    public Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken) =>
        Task.FromResult(Read<IReadOnlyList<AuditEntry>>(() =>
        {
            var entries = query.Target is null
                ? _audit.Query()
                : _audit.Query().Where(x => x.Target == query.Target);
            if (query.BeforeSeq is { } before)
            {
                entries = entries.Where(x => x.Id < before);
            }

            if (query.Action is { } action)
            {
                entries = entries.Where(x => x.Action == action);
            }

            if (query.Actor is { } actor)
            {
                entries = entries.Where(x => x.Actor == actor);
            }

            return entries.OrderByDescending(x => x.Id).Limit(query.EffectiveLimit).ToList().Select(ToEntry).ToList();
        }));

    public Task<long?> FindFirstBrokenLinkAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Read<long?>(() =>
        {
            var previous = "";
            var expectedSeq = 1L;
            foreach (var document in _audit.Query().OrderBy(x => x.Id).ToEnumerable())
            {
                if (document.Id != expectedSeq || ChainHash(previous, document) != document.Hash)
                {
                    return Math.Min(document.Id, expectedSeq);
                }

                previous = document.Hash;
                expectedSeq++;
            }

            return null;
        }));

    private static string ChainHash(string previousHash, AuditDocument d)
    {
        // Unit separators between fields: no field can run into the next one and give the same text.
        var text = string.Join('\u001f',
            previousHash,
            d.Id.ToString(CultureInfo.InvariantCulture),
            d.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            d.Actor,
            d.Action,
            d.Target ?? "",
            d.Detail ?? "",
            d.RemoteAddress ?? "",
            d.UserAgent ?? "",
            string.Join(',', d.CommandIds.Select(c => c.ToString("D"))));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static AuditEntry ToEntry(AuditDocument d) => new()
    {
        Seq = d.Id,
        At = d.At,
        Actor = d.Actor,
        Action = d.Action,
        Target = d.Target,
        Detail = d.Detail,
        RemoteAddress = d.RemoteAddress,
        UserAgent = d.UserAgent,
        CommandIds = d.CommandIds,
        Hash = d.Hash,
    };
}
