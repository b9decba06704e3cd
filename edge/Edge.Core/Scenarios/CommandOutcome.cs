namespace Edge.Core.Scenarios;

/// <summary>What became of a command from the crisis cell: applied, or refused with the reason.</summary>
public sealed record CommandOutcome(bool Applied, string Detail)
{
    public static CommandOutcome Done(string detail) => new(true, detail);

    public static CommandOutcome Refused(string detail) => new(false, detail);
}
