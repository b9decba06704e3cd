using Edge.Contracts.Messages;

namespace Edge.Testing.Outbox;

/// <summary>Valid event drafts for tests (the outbox assigns Seq).</summary>
public static class TestEvents
{
    public const string Site = "mairie-test";
    public const string Device = "accueil-1";

    public static AlertEvent Raised(Guid alertId, DateTimeOffset at, string site = Site, string device = Device) => new()
    {
        Site = site,
        Device = device,
        Seq = 0,
        AlertId = alertId,
        Kind = AlertEventKind.Raised,
        At = at,
        Button = "comptoir",
        Gesture = "single",
        Scenario = "agression-accueil",
        Severity = AlertSeverity.Critical,
        PressedAt = at,
    };

    public static AlertEvent Action(Guid alertId, DateTimeOffset at, string action = "siren", string site = Site, string device = Device) => new()
    {
        Site = site,
        Device = device,
        Seq = 0,
        AlertId = alertId,
        Kind = AlertEventKind.ActionSucceeded,
        At = at,
        Action = action,
        Detail = "on",
    };
}
