using Relay.Core.Alerts;

namespace Relay.Core.Tests;

public sealed class SequenceProgressTests
{
    [Fact]
    public void InOrder_AdvancesContiguousWithoutGaps()
    {
        var progress = new SequenceProgress();

        Assert.True(progress.Add(1));
        Assert.True(progress.Add(2));
        Assert.True(progress.Add(3));

        Assert.Equal(3, progress.HighestContiguous);
        Assert.Empty(progress.Gaps);
        Assert.Empty(progress.Ahead);
    }

    [Fact]
    public void OutOfOrder_KeepsCompactRangesAndCloses_WhenTheMissingOnesArrive()
    {
        var progress = new SequenceProgress();
        foreach (var seq in new long[] { 1, 5, 6, 7, 3, 10 })
        {
            progress.Add(seq);
        }

        Assert.Equal(1, progress.HighestContiguous);
        Assert.Equal(10, progress.HighestReceived);
        Assert.Equal([new SeqRange(3, 3), new SeqRange(5, 7), new SeqRange(10, 10)], progress.Ahead);
        Assert.Equal([new SeqRange(2, 2), new SeqRange(4, 4), new SeqRange(8, 9)], progress.Gaps);

        progress.Add(2);
        progress.Add(4);
        Assert.Equal(7, progress.HighestContiguous);
        Assert.Equal([new SeqRange(8, 9)], progress.Gaps);

        progress.Add(9);
        progress.Add(8);
        Assert.Equal(10, progress.HighestContiguous);
        Assert.Empty(progress.Gaps);
    }

    [Fact]
    public void Add_AlreadyRecorded_ReturnsFalse()
    {
        var progress = new SequenceProgress(highestContiguous: 4, ahead: [new SeqRange(8, 9)]);

        Assert.False(progress.Add(2));
        Assert.False(progress.Add(9));
        Assert.True(progress.Add(7));
        Assert.Equal([new SeqRange(7, 9)], progress.Ahead);
    }
}
