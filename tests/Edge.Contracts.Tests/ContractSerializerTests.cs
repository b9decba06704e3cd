using System.Text;
using Edge.Contracts.Messages;
using Edge.Contracts.Serialization;

namespace Edge.Contracts.Tests;

public sealed class ContractSerializerTests
{
    private static readonly DateTimeOffset s_at = new(2026, 11, 28, 9, 30, 0, TimeSpan.Zero);

    private static AlertEvent Raised => new()
    {
        Site = "mairie-centre",
        Device = "accueil-1",
        Seq = 7,
        AlertId = Guid.CreateVersion7(s_at),
        Kind = AlertEventKind.Raised,
        At = s_at,
        Button = "comptoir",
        Gesture = "single",
        Scenario = "agression-accueil",
        Severity = AlertSeverity.Critical,
        PressedAt = s_at,
        Drill = true,
    };

    [Fact]
    public void AlertEvent_RoundTrips_WithKebabCaseKinds()
    {
        var bytes = ContractSerializer.Serialize(Raised);
        var json = Encoding.UTF8.GetString(bytes);

        Assert.Contains("\"kind\":\"raised\"", json, StringComparison.Ordinal);
        Assert.Contains("\"severity\":\"critical\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"detail\"", json, StringComparison.Ordinal); // nulls are left out

        var read = ContractSerializer.ReadAlertEvent(bytes);
        Assert.True(read.IsValid, read.Error);
        Assert.Equal(Raised with { AlertId = read.Message.AlertId }, read.Message);
    }

    [Fact]
    public void Receipt_ForADeviceEventWithoutAlert_RoundTrips()
    {
        var receipt = new ReceiptMessage { Events = [new EventReceipt(1), new EventReceipt(2, Guid.CreateVersion7(s_at))], Snapshots = [new SnapshotReceipt(Guid.CreateVersion7(s_at), 3)] };

        var read = ContractSerializer.ReadReceipt(ContractSerializer.Serialize(receipt));

        Assert.True(read.IsValid, read.Error);
        Assert.Null(read.Message.Events[0].AlertId);
        Assert.Equal(3, read.Message.Snapshots[0].Index);
    }

    [Fact]
    public void Command_Status_Heartbeat_RoundTrip()
    {
        var command = new CommandMessage { CommandId = Guid.NewGuid(), Kind = CommandKind.TestOutput, IssuedAt = s_at, IssuedBy = "admin", Output = "sirene", DurationMs = 2000 };
        var status = new StatusMessage { Site = "mairie-centre", Device = "accueil-1", State = DeviceState.Offline, At = s_at, Board = "virtual" };
        var heartbeat = new HeartbeatMessage
        {
            Site = "mairie-centre",
            Device = "accueil-1",
            At = s_at,
            UptimeSeconds = 3600,
            OutboxDepth = 2,
            Inputs = [new InputState("comptoir", "idle")],
            Outputs = [new OutputState("sirene", false)],
            Faults = [new FaultInfo("wire-cut", "pedale", "loop open for 60 s", s_at)],
        };

        Assert.Equal(command, ContractSerializer.ReadCommand(ContractSerializer.Serialize(command)).Message);
        Assert.Equal(status, ContractSerializer.ReadStatus(ContractSerializer.Serialize(status)).Message);
        var hb = ContractSerializer.ReadHeartbeat(ContractSerializer.Serialize(heartbeat));
        Assert.True(hb.IsValid, hb.Error);
        Assert.Equal("wire-cut", hb.Message.Faults![0].Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{")]
    [InlineData("{\"v\":1}")]
    [InlineData("not json at all")]
    [InlineData("{\"v\":1,\"site\":\"a\",\"device\":\"b\",\"seq\":1,\"kind\":\"raised\",\"at\":\"2026-11-28T09:30:00Z\",\"extra\":1}")]
    [InlineData("{\"v\":1,\"site\":\"a\",\"device\":\"b\",\"seq\":\"1\",\"kind\":\"raised\",\"at\":\"2026-11-28T09:30:00Z\"}")]
    [InlineData("{\"v\":1,\"site\":\"a\",\"device\":\"b\",\"seq\":1,\"kind\":\"exploded\",\"at\":\"2026-11-28T09:30:00Z\"}")]
    [InlineData("{\"v\":1,\"site\":\"a\",\"device\":\"b\",\"seq\":1,\"kind\":42,\"at\":\"2026-11-28T09:30:00Z\"}")]
    public void Garbage_IsRefusedWithAReason_NeverThrown(string payload)
    {
        var read = ContractSerializer.ReadAlertEvent(Encoding.UTF8.GetBytes(payload));

        Assert.False(read.IsValid);
        Assert.False(string.IsNullOrWhiteSpace(read.Error));
    }

    [Fact]
    public void Oversized_IsRefusedUnread()
    {
        var read = ContractSerializer.ReadAlertEvent(new byte[MessageLimits.MaxJsonBytes + 1]);

        Assert.Contains("exceeds", read.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("site", "Mairie Centre")]
    [InlineData("site", "a/b")]
    [InlineData("site", "edge/#")]
    [InlineData("button", "")]
    public void InvalidIdentifiers_AreRefused(string field, string value)
    {
        var e = field == "site" ? Raised with { Site = value } : Raised with { Button = value };

        var read = ContractSerializer.ReadAlertEvent(Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(e, ContractsJsonContext.Default.AlertEvent)));

        Assert.False(read.IsValid);
        Assert.Contains(field, read.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void RaisedWithoutScenario_IsRefused_AndTheSenderRefusesToSendIt()
    {
        var bad = Raised with { Scenario = null };

        Assert.Throws<InvalidOperationException>(() => ContractSerializer.Serialize(bad));
        var read = ContractSerializer.ReadAlertEvent(Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(bad, ContractsJsonContext.Default.AlertEvent)));
        Assert.Contains("scenario", read.Error, StringComparison.Ordinal);
    }
}
