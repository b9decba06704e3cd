using Microsoft.Extensions.Logging;

namespace Hardware.Sip.Calls;

/// <summary>Collects the steps of a call, reports each to the caller's progress and to the log.</summary>
internal sealed class CallTimeline
{
    private readonly List<CallStep> _steps = [];
    private readonly TimeProvider _time;
    private readonly IProgress<CallStep>? _progress;
    private readonly ILogger _logger;

    public CallTimeline(TimeProvider time, IProgress<CallStep>? progress, ILogger logger)
    {
        _time = time;
        _progress = progress;
        _logger = logger;
    }

    public IReadOnlyList<CallStep> Steps
    {
        get
        {
            lock (_steps)
            {
                return _steps.ToArray();
            }
        }
    }

    public CallStep Add(CallStepKind kind, string detail, int? statusCode = null)
    {
        var step = new CallStep(_time.GetUtcNow(), kind, detail, statusCode);
        lock (_steps)
        {
            _steps.Add(step);
        }
        _logger.LogInformation("Call step {Kind}: {Detail}", kind, detail);
        _progress?.Report(step);
        return step;
    }
}
