using System.CommandLine;
using Hardware.Onvif.Ptz;
using Provisioning.Cli.Output;
using Provisioning.Cli.Parsing;

namespace Provisioning.Cli.Commands.Camera;

/// <summary><c>camera goto-preset</c>: turns the camera to a preset, to check it shows what the scenario expects.</summary>
internal sealed class CameraGotoPresetCommand : Command
{
    private readonly CliContext _context;
    private readonly CameraConnectionOptions _connection = new();

    private readonly Option<string> _preset = new("--preset") { Description = "The preset's name (as in the camera's web page) or token.", Required = true, HelpName = "name-or-token" };

    private readonly Option<string?> _profile = new("--profile") { Description = "The media profile token; the first profile with PTZ by default." };

    private readonly Option<bool> _wait = new("--wait") { Description = "Wait until the camera reports it stopped moving." };

    private readonly Option<TimeSpan> _waitTimeout = OptionParsers.Duration("--wait-timeout", TimeSpan.FromSeconds(10), "Longest wait with --wait.");

    public CameraGotoPresetCommand(CliContext context)
        : base("goto-preset", "Turn a PTZ camera to a preset (by name or token); lists the presets when the name is unknown.")
    {
        _context = context;
        _connection.AddTo(this);
        Options.Add(_preset);
        Options.Add(_profile);
        Options.Add(_wait);
        Options.Add(_waitTimeout);
        SetAction((parse, cancellationToken) => CameraFailures.GuardAsync(context, () => RunAsync(parse, cancellationToken)));
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var session = await _connection.ConnectAsync(parse, _context, cancellationToken).ConfigureAwait(false);
        var camera = session.Camera;
        var profile = parse.GetValue(_profile);
        var presets = await camera.GetPresetsAsync(profile, cancellationToken).ConfigureAwait(false);
        var preset = PresetChoice.Find(presets, parse.GetValue(_preset)!, camera.DeviceServiceUri);
        await camera.GotoPresetAsync(preset.Token, profile, cancellationToken: cancellationToken).ConfigureAwait(false);
        _context.Out.WriteSuccess($"the camera accepted preset '{preset.Name}' (token {preset.Token}).");

        if (parse.GetValue(_wait))
        {
            var outcome = await _context.Error.WithStatusAsync("Waiting for the camera to stop moving…",
                () => camera.WaitForPtzIdleAsync(parse.GetValue(_waitTimeout), profile, cancellationToken)).ConfigureAwait(false);
            switch (outcome)
            {
                case PtzSettleOutcome.Idle:
                    _context.Out.WriteSuccess("the camera reports it has stopped moving.");
                    break;
                case PtzSettleOutcome.AssumedAfterSettleTime:
                    _context.Out.WriteNote("The camera cannot report its movement; waited the usual settle time instead.");
                    break;
                default:
                    _context.Error.WriteWarning("the camera was still moving when the wait ended.", "Allow more with --wait-timeout 20s, or check the camera's PTZ speed settings.");
                    break;
            }
        }

        return ExitCodes.Success;
    }
}
