using System.Text;

namespace Provisioning.Cli.Tests.Support;

/// <summary>
/// A thread-safe text sink that can be awaited for some text to appear: how a test knows a long-running command
/// (camera simulate) is ready, without sleeping.
/// </summary>
internal sealed class WatchedWriter : TextWriter
{
    private readonly object _gate = new();
    private readonly StringBuilder _text = new();
    private readonly List<(Func<string, bool> Condition, TaskCompletionSource Signal)> _waiters = [];

    public override Encoding Encoding => Encoding.UTF8;

    public string Text
    {
        get
        {
            lock (_gate)
            {
                return _text.ToString();
            }
        }
    }

    public override void Write(char value) => Write(value.ToString());

    public override void Write(string? value)
    {
        if (value is null)
        {
            return;
        }

        lock (_gate)
        {
            _text.Append(value);
            var text = _text.ToString();
            foreach (var waiter in _waiters.Where(w => w.Condition(text)).ToList())
            {
                waiter.Signal.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    public Task WaitForAsync(Func<string, bool> condition, CancellationToken cancellationToken)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (condition(_text.ToString()))
            {
                return Task.CompletedTask;
            }

            _waiters.Add((condition, signal));
        }

        return signal.Task.WaitAsync(cancellationToken);
    }
}
