namespace Edge.Core.Configuration;

/// <summary>Where a value sits in the site file (1-based), so that every problem can point at its line.</summary>
public readonly record struct SourceLocation(int Line, int Column)
{
    public static SourceLocation None => default;
}
