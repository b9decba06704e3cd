namespace Edge.Worker.SiteUpdates;

/// <summary>
/// The site file and its companions during an update: the previous file (kept, for rollback and for the record), and
/// a marker saying which pushed command the current file came from, until the box has started on it.
/// </summary>
public sealed record SiteFilePaths(string Current)
{
    public string Previous => Current + ".previous";

    /// <summary>Present between writing a pushed file and the box running on it: JSON of the command id.</summary>
    public string PendingMarker => Current + ".pushed";

    /// <summary>Left by a rollback: why the pushed file could not run, for the event the box then records.</summary>
    public string RollbackMarker => Current + ".rolled-back";
}
