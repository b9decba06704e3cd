using System.Threading.Channels;
using Provisioning.Cli.Input;

namespace Provisioning.Cli.Tests.Support;

/// <summary>Keys a test types into a running command, one at a time, when it is ready for them.</summary>
internal sealed class ScriptedKeys : IKeyInput
{
    private readonly Channel<ConsoleKeyInfo> _keys = Channel.CreateUnbounded<ConsoleKeyInfo>();

    public void Type(char key)
    {
        var consoleKey = char.IsAsciiLetter(key) ? (ConsoleKey)char.ToUpperInvariant(key)
            : char.IsAsciiDigit(key) ? ConsoleKey.D0 + (key - '0')
            : ConsoleKey.NoName;
        _keys.Writer.TryWrite(new ConsoleKeyInfo(key, consoleKey, shift: false, alt: false, control: false));
    }

    /// <summary>No key will come any more (like a closed terminal).</summary>
    public void Close() => _keys.Writer.TryComplete();

    public async ValueTask<ConsoleKeyInfo?> ReadKeyAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _keys.Reader.ReadAsync(cancellationToken);
        }
        catch (ChannelClosedException)
        {
            return null;
        }
    }
}
