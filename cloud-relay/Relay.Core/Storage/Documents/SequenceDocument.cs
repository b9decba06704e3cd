namespace Relay.Core.Storage.Documents;

/// <summary>Sequence progress of one device. Id: <c>{site}/{device}</c>.</summary>
internal sealed class SequenceDocument
{
    public string Id { get; set; } = "";

    public string Site { get; set; } = "";

    public string Device { get; set; } = "";

    public long HighestContiguous { get; set; }

    public List<RangeDocument> Ahead { get; set; } = [];
}

internal sealed class RangeDocument
{
    public long From { get; set; }

    public long To { get; set; }
}
