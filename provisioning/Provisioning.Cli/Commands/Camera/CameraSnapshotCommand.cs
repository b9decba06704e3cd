using System.CommandLine;
using Provisioning.Cli.Output;

namespace Provisioning.Cli.Commands.Camera;

/// <summary><c>camera snapshot</c>: one JPEG, taken the way the box takes them after a press.</summary>
internal sealed class CameraSnapshotCommand : Command
{
    private readonly CliContext _context;
    private readonly CameraConnectionOptions _connection = new();

    private readonly Option<string?> _profile = new("--profile") { Description = "The media profile token; the first profile by default." };

    private readonly Option<FileInfo> _out = new("--out", "-o") { Description = "Where to save the JPEG, e.g. accueil.jpg (overwritten if it exists).", Required = true };

    public CameraSnapshotCommand(CliContext context)
        : base("snapshot", "Take one JPEG snapshot from a camera and save it.")
    {
        _context = context;
        _connection.AddTo(this);
        Options.Add(_profile);
        Options.Add(_out);
        SetAction((parse, cancellationToken) => CameraFailures.GuardAsync(context, () => RunAsync(parse, cancellationToken)));
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var file = parse.GetValue(_out)!;
        using var session = await _connection.ConnectAsync(parse, _context, cancellationToken).ConfigureAwait(false);
        var snapshot = await session.Camera.TakeSnapshotAsync(parse.GetValue(_profile), cancellationToken).ConfigureAwait(false);
        await AtomicFile.WriteAsync(file, snapshot.Jpeg, cancellationToken).ConfigureAwait(false);

        var size = JpegInfo.TryRead(snapshot.Jpeg.Span) is { } info ? $", {info.Width}x{info.Height}" : string.Empty;
        _context.Out.WriteSuccess($"saved {file.FullName} ({snapshot.Jpeg.Length} bytes JPEG{size}) from {UriText.Redact(snapshot.SourceUri)}");
        return ExitCodes.Success;
    }
}
