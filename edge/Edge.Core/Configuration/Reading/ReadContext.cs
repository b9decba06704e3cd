using YamlDotNet.RepresentationModel;

namespace Edge.Core.Configuration.Reading;

/// <summary>The file being read and the problems found so far.</summary>
internal sealed class ReadContext(string file)
{
    public string File { get; } = file;

    public List<ConfigProblem> Problems { get; } = [];

    public static SourceLocation LocationOf(YamlNode node) => new((int)node.Start.Line, (int)node.Start.Column);

    public void Error(YamlNode node, string path, string message, string? fix) =>
        Add(ProblemSeverity.Error, LocationOf(node), path, message, fix);

    public void Add(ProblemSeverity severity, SourceLocation at, string path, string message, string? fix) =>
        Problems.Add(new ConfigProblem(severity, File, at.Line, at.Column, path, message, fix));
}
