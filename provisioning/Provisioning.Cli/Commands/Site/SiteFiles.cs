using Edge.Core.Configuration;
using Provisioning.Cli.Output;
using Spectre.Console;

namespace Provisioning.Cli.Commands.Site;

/// <summary>The site file as the commands other than <c>site validate</c> read it: the box's own loader, or exit 1.</summary>
internal static class SiteFiles
{
    /// <summary>Loads <paramref name="path"/>; an invalid file is a failed check that points to <c>site validate</c>.</summary>
    public static LoadedSiteFile Load(string path)
    {
        try
        {
            return SiteFileLoader.Load(path);
        }
        catch (SiteFileException exception)
        {
            throw Invalid(path, exception);
        }
    }

    /// <summary>
    /// Loads <paramref name="path"/> and, when it is invalid, prints every problem in the compiler format on
    /// <paramref name="console"/> before failing: for commands where nothing may happen with a bad file (deploy).
    /// </summary>
    public static LoadedSiteFile LoadShowingProblems(string path, IAnsiConsole console)
    {
        try
        {
            return SiteFileLoader.Load(path);
        }
        catch (SiteFileException exception)
        {
            foreach (var problem in exception.Problems)
            {
                console.WriteRawLine(problem.ToString());
            }

            throw Invalid(path, exception);
        }
    }

    private static CheckFailedException Invalid(string path, SiteFileException exception) =>
        new($"{path} is not a valid site file ({exception.Problems.Count(p => p.Severity == ProblemSeverity.Error)} error(s)).", exception)
        {
            Hint = $"Run 'provision site validate {path}' to see each problem with its line.",
        };
}
