using System.Threading.Channels;
using Hardware.Sip.Calls;

namespace Edge.Worker.Actions.Calls;

/// <summary>
/// Receives the steps of one call as they happen (on the call's own loop, which must never wait on the disk) and
/// writes them as alert events one after the other, in order, so the crisis cell sees "ringing" while it rings.
/// </summary>
internal sealed class CallStepReporter : IProgress<CallStep>
{
    private readonly Channel<CallStep> _steps = Channel.CreateUnbounded<CallStep>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public CallStepReporter(Func<CallStep, Task> write)
    {
        _writer = Task.Run(async () =>
        {
            await foreach (var step in _steps.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                await write(step).ConfigureAwait(false);
            }
        });
    }

    public void Report(CallStep value) => _steps.Writer.TryWrite(value);

    /// <summary>Completes once every step reported so far is written; nothing may be reported afterwards.</summary>
    public Task FlushAsync()
    {
        _steps.Writer.TryComplete();
        return _writer;
    }
}
