namespace Edge.Core.Configuration;

/// <summary>The site file cannot be used; <see cref="Problems"/> lists every error found, not only the first.</summary>
public sealed class SiteFileException : Exception
{
    public SiteFileException()
        : this([])
    {
    }

    public SiteFileException(string message)
        : base(message)
    {
        Problems = [];
    }

    public SiteFileException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    public SiteFileException(IReadOnlyList<ConfigProblem> problems)
        : base(Describe(problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<ConfigProblem> Problems { get; }

    private static string Describe(IReadOnlyList<ConfigProblem> problems)
    {
        var errors = problems.Where(p => p.Severity == ProblemSeverity.Error).ToList();
        return errors.Count switch
        {
            0 => "The site file is not valid.",
            1 => $"The site file has an error:{Environment.NewLine}  {errors[0]}",
            _ => $"The site file has {errors.Count} errors:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", errors),
        };
    }
}
