using System.Threading.Channels;

namespace Relay.Web.Dashboard;

/// <summary>
/// One browser's queue. Bounded: a browser that stops reading (a laptop asleep) must not make the relay hold every
/// message for it. When it falls behind, messages are dropped and it is told to reload everything (resync) instead.
/// </summary>
public sealed class FeedSubscription : IDisposable
{
    private const int Capacity = 500;

    private readonly Channel<FeedMessage> _messages = Channel.CreateBounded<FeedMessage>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Action<FeedSubscription> _unsubscribe;
    private int _overflowed;

    internal FeedSubscription(Action<FeedSubscription> unsubscribe) => _unsubscribe = unsubscribe;

    public ChannelReader<FeedMessage> Reader => _messages.Reader;

    /// <summary>True once if messages were dropped since the last call.</summary>
    public bool TakeOverflow() => Interlocked.Exchange(ref _overflowed, 0) == 1;

    internal void Offer(FeedMessage message)
    {
        if (!_messages.Writer.TryWrite(message))
        {
            Interlocked.Exchange(ref _overflowed, 1);
        }
    }

    public void Dispose()
    {
        _messages.Writer.TryComplete();
        _unsubscribe(this);
    }
}
