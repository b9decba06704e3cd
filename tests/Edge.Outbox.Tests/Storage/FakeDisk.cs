using Edge.Outbox.Storage;

namespace Edge.Outbox.Tests.Storage;

/// <summary>A data file and a log file that can lose power or fill up, reopened as often as the outbox asks.</summary>
internal sealed class FakeDisk
{
    public PowerCutStream Data { get; private set; } = new();

    public PowerCutStream Log { get; private set; } = new();

    public bool DiskFull
    {
        get => Data.DiskFull;
        set
        {
            Data.DiskFull = value;
            Log.DiskFull = value;
        }
    }

    public OutboxFiles Open()
    {
        Data.Position = 0;
        Log.Position = 0;
        return new OutboxFiles(Data, Log);
    }

    /// <summary>The disk after a power cut: only what was flushed.</summary>
    public FakeDisk AfterPowerCut() => new() { Data = new PowerCutStream(Data.DurableImage()), Log = new PowerCutStream(Log.DurableImage()) };
}
