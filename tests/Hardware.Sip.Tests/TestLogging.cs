using Microsoft.Extensions.Logging;

namespace Hardware.Sip.Tests;

/// <summary>Sends library logs to the xUnit test output, so a failing test shows the SIP exchange.</summary>
internal sealed class TestLoggerFactory : ILoggerFactory
{
    private readonly ITestOutputHelper? _output;
    private readonly LogLevel _minimum;
    private readonly List<string> _lines = [];

    public TestLoggerFactory(LogLevel minimum = LogLevel.Trace)
    {
        _output = TestContext.Current.TestOutputHelper;
        _minimum = minimum;
    }

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public ILogger CreateLogger(string categoryName) => new OutputLogger(this, categoryName);

    public void Dispose()
    {
    }

    /// <summary>
    /// A copy of every line written so far, for tests that assert what was (not) logged. A copy, taken under the
    /// lock: background work (retransmissions, a registration refresh, the transport) keeps logging while a test reads.
    /// </summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    private sealed class OutputLogger(TestLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner._minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }
            var line = $"[{logLevel}] {category}: {formatter(state, exception)}{(exception is null ? string.Empty : " " + exception)}";
            lock (owner._lines)
            {
                owner._lines.Add(line);
                if (Environment.GetEnvironmentVariable("SIP_TEST_LOG") is { Length: > 0 } file)
                {
                    File.AppendAllText(file, line + "\n");
                }
            }
            try
            {
                owner._output?.WriteLine(line);
            }
            catch (InvalidOperationException)
            {
                // The test already finished; a late background log line has nowhere to go.
            }
        }
    }
}
