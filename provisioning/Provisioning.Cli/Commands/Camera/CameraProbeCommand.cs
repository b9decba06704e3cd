using System.CommandLine;
using Hardware.Onvif;
using Hardware.Onvif.Errors;
using Hardware.Onvif.Media;
using Provisioning.Cli.Output;
using Spectre.Console;

namespace Provisioning.Cli.Commands.Camera;

/// <summary>
/// <c>camera probe</c>: connects as the box will and says what the camera is and can do. Succeeds (exit 0) once
/// the camera accepted the credentials; what it lacks (PTZ, a stream) is reported, not failed.
/// </summary>
internal sealed class CameraProbeCommand : Command
{
    private readonly CliContext _context;
    private readonly CameraConnectionOptions _connection = new();

    private readonly Option<string?> _profile = new("--profile") { Description = "The media profile token for the snapshot and stream URIs; the first profile by default." };

    public CameraProbeCommand(CliContext context)
        : base("probe", "Connect to a camera and show what it is: model, firmware, clock, profiles, presets, snapshot and stream URLs.")
    {
        _context = context;
        _connection.AddTo(this);
        Options.Add(_profile);
        SetAction((parse, cancellationToken) => CameraFailures.GuardAsync(context, () => RunAsync(parse, cancellationToken)));
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var session = await _connection.ConnectAsync(parse, _context, cancellationToken).ConfigureAwait(false);
        var camera = session.Camera;
        var info = camera.DeviceInformation;
        var output = _context.Out;

        output.WriteSuccess($"connected to {info.Manufacturer} {info.Model} at {UriText.Redact(camera.DeviceServiceUri)}");
        var facts = ConsoleWriting.CreateFacts()
            .AddFact("manufacturer", info.Manufacturer)
            .AddFact("model", info.Model)
            .AddFact("firmware", info.FirmwareVersion)
            .AddFact("serial number", info.SerialNumber)
            .AddFact("hardware id", info.HardwareId)
            .AddFact("clock", camera.ClockOffset is { } offset ? ClockOffsetWords.Describe(offset) : "unknown (the camera does not report its time)")
            .AddFact("media service", camera.MediaVersion switch
            {
                MediaServiceVersion.Media2 => "Media2 (ver20, Profile T)",
                MediaServiceVersion.Media1 => "Media (ver10, Profile S)",
                _ => "none",
            })
            .AddFact("PTZ", camera.HasPtz ? "yes" : "no (fixed camera)");
        output.Write(facts);

        ReportClock(camera);
        WriteProfiles(camera.Profiles);
        await WritePresetsAsync(camera, cancellationToken).ConfigureAwait(false);

        var profile = parse.GetValue(_profile);
        var media = ConsoleWriting.CreateFacts();
        media.AddFact("snapshot URI", await OptionalAsync("snapshot URI", () => camera.GetSnapshotUriAsync(profile, cancellationToken)).ConfigureAwait(false));
        media.AddFact("stream URI", await OptionalAsync("stream URI", () => camera.GetStreamUriAsync(profile, cancellationToken)).ConfigureAwait(false));
        output.Write(media);
        return ExitCodes.Success;
    }

    private void ReportClock(OnvifCamera camera)
    {
        if (camera.ClockOffset is null)
        {
            _context.Error.WriteWarning("the camera does not report its date and time.", "Set its clock (NTP) in its web page: snapshots are stamped with it.");
        }
        else if (camera.ClockOffset.Value.Duration() >= ClockOffsetWords.FarOff)
        {
            _context.Error.WriteWarning(
                $"the camera's clock is {ClockOffsetWords.Describe(camera.ClockOffset.Value)}.",
                "The box copes (it applies the offset), but the camera's own image timestamps and recordings are wrong. Set its date and time, ideally from NTP, in its web page.");
        }
    }

    private void WriteProfiles(IReadOnlyList<MediaProfile> profiles)
    {
        var table = new Table().Title("[bold]media profiles[/]").AddColumns("token", "name", "video", "resolution", "PTZ");
        foreach (var profile in profiles)
        {
            table.AddRow(
                Markup.Escape(profile.Token),
                Markup.Escape(profile.Name),
                Markup.Escape(profile.VideoEncoding ?? "-"),
                profile.Width is { } w && profile.Height is { } h ? $"{w}x{h}" : "-",
                profile.HasPtz ? "yes" : "no");
        }

        _context.Out.Write(table);
    }

    private async Task WritePresetsAsync(OnvifCamera camera, CancellationToken cancellationToken)
    {
        if (!camera.HasPtz)
        {
            _context.Out.WriteNote("No PTZ: this camera cannot turn to a preset. Leave 'preset' out of the scenarios' camera section; snapshots still work.");
            return;
        }

        try
        {
            var presets = await camera.GetPresetsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            _context.Out.MarkupLine($"[bold]PTZ presets ({presets.Count})[/]");
            _context.Out.Write(PresetTable.Create(presets));
        }
        catch (OnvifException exception) when (exception is not OnvifAuthenticationException)
        {
            _context.Error.WriteWarning($"could not read the PTZ presets: {exception.Message}", CameraFailures.HintFor(exception));
        }
    }

    /// <summary>What the camera cannot give is reported in place; the probe goes on with the rest.</summary>
    private async Task<string> OptionalAsync(string what, Func<Task<Uri>> read)
    {
        try
        {
            return UriText.Redact(await read().ConfigureAwait(false));
        }
        catch (OnvifException exception) when (exception is not OnvifAuthenticationException)
        {
            _context.Error.WriteWarning($"could not read the {what}: {exception.Message}", CameraFailures.HintFor(exception));
            return "unavailable";
        }
    }
}
