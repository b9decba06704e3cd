using Edge.Contracts.Messages;

namespace Relay.Testing;

/// <summary>Valid contract messages for tests, shared by the three relay test projects (linked file).</summary>
public static class TestMessages
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    public static AlertEvent Raised(string site, string device, long seq, Guid alertId, DateTimeOffset? at = null, bool drill = false) => new()
    {
        Site = site,
        Device = device,
        Seq = seq,
        AlertId = alertId,
        Kind = AlertEventKind.Raised,
        At = at ?? T0,
        PressedAt = at ?? T0,
        Button = "accueil-1",
        Gesture = "single",
        Scenario = "agression",
        Severity = AlertSeverity.Critical,
        Drill = drill,
    };

    public static AlertEvent Action(string site, string device, long seq, Guid alertId, AlertEventKind kind = AlertEventKind.ActionStarted, string action = "siren", DateTimeOffset? at = null) => new()
    {
        Site = site,
        Device = device,
        Seq = seq,
        AlertId = alertId,
        Kind = kind,
        At = at ?? T0.AddSeconds(seq),
        Action = action,
        Detail = $"{action} {kind}",
    };

    public static AlertEvent Snapshot(string site, string device, long seq, Guid alertId, int index) => new()
    {
        Site = site,
        Device = device,
        Seq = seq,
        AlertId = alertId,
        Kind = AlertEventKind.SnapshotTaken,
        At = T0.AddSeconds(seq),
        SnapshotIndex = index,
    };

    public static AlertEvent Closing(string site, string device, long seq, Guid alertId, AlertEventKind kind = AlertEventKind.Cleared, Guid? commandId = null) => new()
    {
        Site = site,
        Device = device,
        Seq = seq,
        AlertId = alertId,
        Kind = kind,
        At = T0.AddSeconds(seq),
        CommandId = commandId,
    };

    public static AlertEvent CommandAnswer(string site, string device, long seq, Guid commandId, bool applied = true) => new()
    {
        Site = site,
        Device = device,
        Seq = seq,
        Kind = applied ? AlertEventKind.CommandApplied : AlertEventKind.CommandRejected,
        At = T0.AddSeconds(seq),
        CommandId = commandId,
        Detail = applied ? null : "output unknown",
    };

    public static StatusMessage Status(string site, string device, DeviceState state) => new()
    {
        Site = site,
        Device = device,
        State = state,
        At = T0,
        SoftwareVersion = "1.2.3",
        Board = "virtual",
        SiteName = "Mairie annexe",
    };

    public static HeartbeatMessage Heartbeat(string site, string device, int outboxDepth = 0, bool drill = false) => new()
    {
        Site = site,
        Device = device,
        At = T0,
        UptimeSeconds = 3600,
        OutboxDepth = outboxDepth,
        Drill = drill,
        Faults = [new FaultInfo("camera", "cam-hall", "no answer", T0)],
    };

    public static CommandMessage Command(CommandKind kind = CommandKind.DrillStart, Guid? alertId = null) => new()
    {
        CommandId = Guid.NewGuid(),
        Kind = kind,
        IssuedAt = T0,
        IssuedBy = "cellule-de-crise",
        AlertId = alertId,
    };

    /// <summary>A small byte string that passes the relay's JPEG check (SOI, APP0 marker, ..., EOI).</summary>
    public static byte[] Jpeg(int size = 256, byte fill = 0x42)
    {
        var bytes = new byte[Math.Max(size, 6)];
        Array.Fill(bytes, fill);
        bytes[0] = 0xFF;
        bytes[1] = 0xD8;
        bytes[2] = 0xFF;
        bytes[3] = 0xE0;
        bytes[^2] = 0xFF;
        bytes[^1] = 0xD9;
        return bytes;
    }
}
