namespace Edge.Core.Configuration;

public enum ProblemSeverity
{
    /// <summary>The box refuses to start with this file.</summary>
    Error,

    /// <summary>Works, but probably not what the installer meant.</summary>
    Warning,
}

/// <summary>One thing wrong with a site file, located and with the way to fix it.</summary>
public sealed record ConfigProblem(
    ProblemSeverity Severity,
    string File,
    int Line,
    int Column,
    string Path,
    string Message,
    string? Fix = null)
{
    /// <summary><c>site.yaml:14:10: error: buttons[1].pin: GPIO 17 is already used… Fix: …</c> — the compiler format
    /// that editors and terminals make clickable.</summary>
    public override string ToString()
    {
        var where = Line > 0 ? $"{File}:{Line}:{Column}" : File;
        var severity = Severity == ProblemSeverity.Error ? "error" : "warning";
        var path = string.IsNullOrEmpty(Path) ? string.Empty : $"{Path}: ";
        var fix = Fix is null ? string.Empty : $" Fix: {Fix}";
        return $"{where}: {severity}: {path}{Message}{fix}";
    }
}
