namespace Edge.Contracts;

/// <summary>Bounds every receiver enforces before it trusts a payload.</summary>
public static class MessageLimits
{
    /// <summary>Any JSON payload larger than this is refused unread.</summary>
    public const int MaxJsonBytes = 64 * 1024;

    /// <summary>A snapshot larger than this is refused (a 1080p JPEG is well under 1 MB).</summary>
    public const int MaxSnapshotBytes = 4 * 1024 * 1024;

    public const int MaxSnapshotsPerAlert = 50;

    public const int MaxTextLength = 2000;

    public const int MaxDataEntries = 32;

    public const int MaxReceiptItems = 1000;
}
