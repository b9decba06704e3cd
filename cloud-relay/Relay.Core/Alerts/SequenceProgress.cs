namespace Relay.Core.Alerts;

/// <summary>
/// Tracks which sequence numbers of one device have been stored, compactly: everything up to
/// <see cref="HighestContiguous"/>, plus ranges received beyond it (out of order, after a resend overtook a lost
/// copy). Ranges keep this small even when a long run arrives before one missing event.
/// </summary>
public sealed class SequenceProgress
{
    private readonly List<SeqRange> _ahead;

    public SequenceProgress(long highestContiguous = 0, IEnumerable<SeqRange>? ahead = null)
    {
        HighestContiguous = highestContiguous;
        _ahead = ahead?.OrderBy(r => r.From).ToList() ?? [];
    }

    public long HighestContiguous { get; private set; }

    public long HighestReceived => _ahead.Count == 0 ? HighestContiguous : _ahead[^1].To;

    /// <summary>Received ranges beyond the contiguous prefix, in order, disjoint and not adjacent.</summary>
    public IReadOnlyList<SeqRange> Ahead => _ahead;

    public IReadOnlyList<SeqRange> Gaps
    {
        get
        {
            var gaps = new List<SeqRange>(_ahead.Count);
            var next = HighestContiguous + 1;
            foreach (var range in _ahead)
            {
                gaps.Add(new SeqRange(next, range.From - 1));
                next = range.To + 1;
            }

            return gaps;
        }
    }

    public bool Contains(long seq) => seq <= HighestContiguous || _ahead.Any(r => seq >= r.From && seq <= r.To);

    /// <summary>Records a stored seq. Returns false if it was already recorded.</summary>
    public bool Add(long seq)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(seq, 1);
        if (Contains(seq))
        {
            return false;
        }

        var index = _ahead.FindIndex(r => r.From > seq);
        if (index < 0)
        {
            index = _ahead.Count;
        }

        _ahead.Insert(index, new SeqRange(seq, seq));
        Coalesce(index);
        if (_ahead.Count > 0 && _ahead[0].From == HighestContiguous + 1)
        {
            HighestContiguous = _ahead[0].To;
            _ahead.RemoveAt(0);
        }

        return true;
    }

    private void Coalesce(int index)
    {
        if (index + 1 < _ahead.Count && _ahead[index + 1].From == _ahead[index].To + 1)
        {
            _ahead[index] = new SeqRange(_ahead[index].From, _ahead[index + 1].To);
            _ahead.RemoveAt(index + 1);
        }

        if (index > 0 && _ahead[index - 1].To + 1 == _ahead[index].From)
        {
            _ahead[index - 1] = new SeqRange(_ahead[index - 1].From, _ahead[index].To);
            _ahead.RemoveAt(index);
        }
    }
}
