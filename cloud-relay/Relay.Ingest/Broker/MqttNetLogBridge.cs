using System.Globalization;
using Microsoft.Extensions.Logging;
using MQTTnet.Diagnostics.Logger;

namespace Relay.Ingest.Broker;

/// <summary>MQTTnet's own diagnostics into our logs. Its errors are mostly clients dropping their connection, so
/// they come out as warnings; its chatter as debug and trace.</summary>
internal sealed partial class MqttNetLogBridge(ILogger logger) : IMqttNetLogger
{
    public bool IsEnabled => logger.IsEnabled(LogLevel.Debug) || logger.IsEnabled(LogLevel.Warning);

    public void Publish(MqttNetLogLevel level, string source, string message, object[] parameters, Exception exception)
    {
        var text = parameters is { Length: > 0 } ? string.Format(CultureInfo.InvariantCulture, message, parameters) : message;
        switch (level)
        {
            case MqttNetLogLevel.Error or MqttNetLogLevel.Warning:
                LogWarning(logger, source, text, exception);
                break;
            case MqttNetLogLevel.Info:
                LogDebug(logger, source, text, exception);
                break;
            default:
                LogTrace(logger, source, text, exception);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTTnet {Source}: {Text}")]
    private static partial void LogWarning(ILogger logger, string source, string text, Exception? exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "MQTTnet {Source}: {Text}")]
    private static partial void LogDebug(ILogger logger, string source, string text, Exception? exception);

    [LoggerMessage(Level = LogLevel.Trace, Message = "MQTTnet {Source}: {Text}")]
    private static partial void LogTrace(ILogger logger, string source, string text, Exception? exception);
}
