namespace Relay.Core.Commands;

/// <summary><c>Relay:Commands</c>.</summary>
public sealed class CommandOptions
{
    public const string Section = "Relay:Commands";

    /// <summary>
    /// How long an unanswered command is still worth delivering. A silence-siren or config-push that reaches a box
    /// days later would surprise the people on site more than help them.
    /// </summary>
    public TimeSpan PendingLifetime { get; set; } = TimeSpan.FromHours(24);
}
