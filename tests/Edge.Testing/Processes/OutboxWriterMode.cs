using Edge.Outbox;
using Edge.Testing.Outbox;
using Microsoft.Extensions.Logging.Abstractions;

namespace Edge.Testing.Processes;

/// <summary>
/// Child mode <c>outbox-writer PATH</c>: appends events to the outbox at PATH as fast as it can and prints
/// <c>appended SEQ</c> after each append has returned, until it is killed. Whatever it printed must survive.
/// </summary>
internal static class OutboxWriterMode
{
    public static int Run(string path)
    {
        using var outbox = LiteDbOutbox.Open(path, TimeProvider.System, NullLogger.Instance);
        Console.Out.WriteLine($"ready {outbox.Health.LastSeq}");
        Console.Out.Flush();
        while (true)
        {
            var now = TimeProvider.System.GetUtcNow();
            var stored = outbox.AppendAsync(TestEvents.Raised(Guid.CreateVersion7(now), now)).AsTask().GetAwaiter().GetResult();
            Console.Out.WriteLine($"appended {stored.Seq}");
            Console.Out.Flush();
        }
    }
}
