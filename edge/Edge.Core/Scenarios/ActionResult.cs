namespace Edge.Core.Scenarios;

/// <summary>What a successful action did, for the alert's timeline.</summary>
public sealed record ActionResult(string Detail, IReadOnlyDictionary<string, string>? Data = null);
