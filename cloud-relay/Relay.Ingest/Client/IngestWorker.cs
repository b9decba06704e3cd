using Edge.Contracts.Serialization;
using Edge.Contracts.Topics;
using Microsoft.Extensions.Logging;
using Relay.Core.Ingest;
using Relay.Core.Sites;

namespace Relay.Ingest.Client;

/// <summary>
/// Drains the client's queue in batches: process (validate, commit and flush), then publish the receipts, then
/// acknowledge the messages to the broker, in that order and never the other way round. One batch at a time, in
/// arrival order, so acknowledgements go out in the order MQTT requires.
/// </summary>
public sealed partial class IngestWorker(IngestClient client, IngestProcessor processor, RelayCommands commands, IngestCounters counters, ILogger<IngestWorker> logger)
{
    /// <summary>One commit (and one fsync) per batch, not per message: a box draining a day of outbox catches up fast.</summary>
    public const int MaxBatchMessages = 100;

    public const long MaxBatchBytes = 16L * 1024 * 1024;

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var reader = client.Received;
        var batch = new List<ReceivedMessage>(MaxBatchMessages);
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                batch.Clear();
                long bytes = 0;
                while (batch.Count < MaxBatchMessages && bytes < MaxBatchBytes && reader.TryRead(out var message))
                {
                    batch.Add(message);
                    bytes += message.Message.Payload.Length;
                }

                // A batch that has begun is finished even while stopping: stopping mid-way would only cause resends.
                await ProcessBatchAsync(batch, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ProcessBatchAsync(List<ReceivedMessage> batch, CancellationToken cancellationToken)
    {
        IngestResult result;
        try
        {
            result = await processor.ProcessAsync(batch.Select(m => m.Message).ToList(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The processor handles what it expects; anything else must not kill ingest. Nothing was receipted.
            LogBatchFailed(logger, batch.Count, ex);
            result = new IngestResult([], []);
        }

        foreach (var receipt in result.Receipts)
        {
            var topic = TopicNames.Receipts(receipt.Device.Site, receipt.Device.Device);
            if (await client.PublishAsync(topic, ContractSerializer.Serialize(receipt.Receipt), cancellationToken).ConfigureAwait(false))
            {
                counters.AddReceiptPublished();
            }
            else
            {
                counters.AddReceiptFailure();
            }
        }

        foreach (var transition in result.Transitions)
        {
            if (transition.To == Connectivity.Online)
            {
                await commands.RepublishPendingAsync(transition.Device, cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var message in batch)
        {
            await client.AcknowledgeAsync(message, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Ingest batch of {Count} messages failed; nothing of it was receipted")]
    private static partial void LogBatchFailed(ILogger logger, int count, Exception exception);
}
