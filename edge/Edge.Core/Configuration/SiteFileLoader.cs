using Edge.Core.Configuration.Model;
using Edge.Core.Configuration.Reading;
using Edge.Core.Configuration.Validation;

namespace Edge.Core.Configuration;

/// <summary>Reads and validates a site file: the one entry point used by the box and the provisioning tool.</summary>
public static class SiteFileLoader
{
    /// <summary>Loads <paramref name="path"/>; throws <see cref="SiteFileException"/> listing every error.</summary>
    public static LoadedSiteFile Load(string path)
    {
        string yaml;
        try
        {
            yaml = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SiteFileException([new ConfigProblem(ProblemSeverity.Error, path, 0, 0, string.Empty,
                $"Cannot read the site file: {ex.Message}", "Check the path given with --site (or Edge:SiteFile) and the file's permissions.")]);
        }

        return Parse(yaml, path);
    }

    /// <summary>Parses a site file held in memory (a configuration pushed by the relay, say).</summary>
    public static LoadedSiteFile Parse(string yaml, string path, Func<string, bool>? fileExists = null)
    {
        var problems = new List<ConfigProblem>();
        var site = SiteFileReader.Read(yaml, path, problems);
        if (site is not null && problems.All(p => p.Severity != ProblemSeverity.Error))
        {
            problems.AddRange(SiteFileValidator.Validate(site, fileExists));
        }

        if (site is null || problems.Any(p => p.Severity == ProblemSeverity.Error))
        {
            throw new SiteFileException(problems.OrderBy(p => p.Line).ThenBy(p => p.Column).ToList());
        }

        return new LoadedSiteFile(site, problems);
    }

    /// <summary>Reads and validates without throwing: every problem, errors and warnings, in file order.</summary>
    public static IReadOnlyList<ConfigProblem> Check(string path)
    {
        try
        {
            return Load(path).Warnings;
        }
        catch (SiteFileException ex)
        {
            return ex.Problems;
        }
    }
}

/// <summary>A valid site file and the warnings it still has.</summary>
public sealed record LoadedSiteFile(SiteFile Site, IReadOnlyList<ConfigProblem> Warnings);
