namespace Relay.Core.Ingest;

/// <summary>Why a message was refused. The names are the counter keys exposed by <c>/health</c>.</summary>
public enum RejectionReason
{
    /// <summary>Not one of the edge → relay topics of the tree.</summary>
    UnknownTopic,

    /// <summary>A JSON payload over <see cref="Edge.Contracts.MessageLimits.MaxJsonBytes"/>.</summary>
    Oversized,

    /// <summary>Not well-formed JSON (or empty).</summary>
    MalformedJson,

    /// <summary>Well-formed JSON of the wrong shape: a wrong type, a missing required member, an unknown member.</summary>
    WrongShape,

    /// <summary>The right shape with values the contract refuses (bad identifier, seq 0, implausible time, ...).</summary>
    InvalidValues,

    /// <summary>The payload's site or device differs from the topic's.</summary>
    TopicMismatch,

    /// <summary>Media that is not a JPEG or is over the snapshot size limit.</summary>
    InvalidSnapshot,

    /// <summary>From a device that is not registered at this relay.</summary>
    UnknownDevice,
}

public static class RejectionReasons
{
    public static string Key(this RejectionReason reason) => reason switch
    {
        RejectionReason.UnknownTopic => "unknown-topic",
        RejectionReason.Oversized => "oversized",
        RejectionReason.MalformedJson => "malformed-json",
        RejectionReason.WrongShape => "wrong-shape",
        RejectionReason.InvalidValues => "invalid-values",
        RejectionReason.TopicMismatch => "topic-mismatch",
        RejectionReason.InvalidSnapshot => "invalid-snapshot",
        RejectionReason.UnknownDevice => "unknown-device",
        _ => reason.ToString(),
    };
}
