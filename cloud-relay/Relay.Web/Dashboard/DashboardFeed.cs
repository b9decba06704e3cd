using System.Threading.Channels;

namespace Relay.Web.Dashboard;

/// <summary>
/// The live feed to the browsers. Anyone may <see cref="Publish"/> a signal without waiting (ingest, commands, the
/// audit trail); the <see cref="FeedPump"/> turns signals into messages and <see cref="Broadcast"/>s them to every
/// open subscription.
/// </summary>
public sealed class DashboardFeed
{
    private readonly Channel<FeedSignal> _signals = Channel.CreateUnbounded<FeedSignal>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private readonly List<FeedSubscription> _subscriptions = [];

    internal ChannelReader<FeedSignal> Signals => _signals.Reader;

    public int SubscriberCount
    {
        get
        {
            lock (_gate)
            {
                return _subscriptions.Count;
            }
        }
    }

    public void Publish(FeedSignal signal) => _signals.Writer.TryWrite(signal);

    public FeedSubscription Subscribe()
    {
        var subscription = new FeedSubscription(Remove);
        lock (_gate)
        {
            _subscriptions.Add(subscription);
        }

        return subscription;
    }

    internal void Broadcast(FeedMessage message)
    {
        FeedSubscription[] targets;
        lock (_gate)
        {
            targets = [.. _subscriptions];
        }

        foreach (var subscription in targets)
        {
            subscription.Offer(message);
        }
    }

    private void Remove(FeedSubscription subscription)
    {
        lock (_gate)
        {
            _subscriptions.Remove(subscription);
        }
    }
}
