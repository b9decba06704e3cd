namespace Relay.Web.Commands;

/// <summary>Body of acknowledge, silence-siren and the drill actions; the comment is optional.</summary>
public sealed record ActionRequest(string? Comment);

/// <summary>Body of close: closing an alert needs a word on how it ended.</summary>
public sealed record CloseRequest(string? Comment);
