using System.CommandLine;
using Hardware.Onvif.Simulator;
using Provisioning.Cli.Output;
using Provisioning.Cli.Parsing;

namespace Provisioning.Cli.Commands.Camera;

/// <summary>
/// <c>camera simulate</c>: the virtual camera (recorded answers of a real PTZ camera) on 127.0.0.1 until Ctrl+C,
/// for training installers and for the product demo without hardware.
/// </summary>
internal sealed class CameraSimulateCommand : Command
{
    private readonly CliContext _context;

    private readonly Option<int> _port = OptionParsers.Port("--port", 0, "The HTTP port; 0 (default) takes a free one.");

    private readonly Option<int> _discoveryPort = OptionParsers.Port("--discovery-port", 0, "The UDP port answering WS-Discovery Probes (unicast); 0 (default) takes a free one.");

    private readonly Option<string> _user = new("--user", "-u") { Description = "The user the camera accepts.", DefaultValueFactory = _ => DefaultUser };

    private readonly Option<string> _password = new("--password", "-p") { Description = $"Its password; {DefaultPassword} by default, like the recorded camera.", DefaultValueFactory = _ => DefaultPassword };

    private readonly Option<TimeSpan> _clockOffset = OptionParsers.Duration("--clock-offset", TimeSpan.Zero, "Camera clock minus the real one, e.g. 3y (never set), -2h (behind).", allowNegative: true);

    private readonly Option<bool> _noPtz = new("--no-ptz") { Description = "A fixed camera: no PTZ service, no presets." };

    private readonly Option<bool> _requireDigest = new("--require-digest") { Description = "Answer 401 with HTTP Digest challenges instead of checking WS-Security." };

    private const string DefaultUser = "admin";

    private const string DefaultPassword = "9999";

    public CameraSimulateCommand(CliContext context)
        : base("simulate", "Run a virtual ONVIF camera on 127.0.0.1 until Ctrl+C, for training and demos.")
    {
        _context = context;
        foreach (var option in new Option[] { _port, _discoveryPort, _user, _password, _clockOffset, _noPtz, _requireDigest })
        {
            Options.Add(option);
        }

        SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var options = new VirtualCameraOptions
        {
            HttpPort = parse.GetValue(_port),
            DiscoveryPort = parse.GetValue(_discoveryPort),
            UserName = parse.GetValue(_user)!,
            Password = parse.GetValue(_password)!,
            ClockOffset = parse.GetValue(_clockOffset),
            HasPtz = !parse.GetValue(_noPtz),
            RequireHttpDigest = parse.GetValue(_requireDigest),
            TimeProvider = _context.Time,
        };

        VirtualCamera camera;
        try
        {
            camera = await VirtualCamera.StartAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException exception)
        {
            // Kestrel reports a port in use as an IOException.
            throw new CheckFailedException($"Cannot start the virtual camera: {exception.Message}", exception) { Hint = "Choose another --port, or 0 for any free one." };
        }

        await using (camera.ConfigureAwait(false))
        {
            // The default password is public (it is the recorded camera's); one chosen by the user is never echoed.
            var password = options.Password == DefaultPassword ? $"password {DefaultPassword}" : "the password given";
            var facts = ConsoleWriting.CreateFacts()
                .AddFact("device service", camera.DeviceServiceUri.ToString())
                .AddFact("discovery", camera.DiscoveryEndpoint?.ToString() ?? "off")
                .AddFact("credentials", $"user {options.UserName}, {password}" + (options.RequireHttpDigest ? " (HTTP Digest)" : " (WS-Security)"))
                .AddFact("PTZ", options.HasPtz ? "yes, the recorded presets" : "no (fixed camera)")
                .AddFact("clock", options.ClockOffset == TimeSpan.Zero ? "in step" : ClockOffsetWords.Describe(options.ClockOffset));
            _context.Out.WriteSuccess("virtual camera running on 127.0.0.1. Press Ctrl+C to stop.");
            _context.Out.Write(facts);
            _context.Out.WriteNote($"Try: provision camera probe --url {camera.DeviceServiceUri} --user {options.UserName} --password-stdin");
            if (camera.DiscoveryEndpoint is { } discovery)
            {
                _context.Out.WriteNote($"     provision camera discover --destination {discovery}");
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var signals = _context.HandleTerminationSignals ? new TerminationSignals(stop) : null;
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, _context.Time, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C or SIGTERM: the way this command is meant to end.
            }

            _context.Out.WriteNote($"Stopped. It served {camera.SnapshotsServed} snapshot(s) and {camera.ReceivedOperations.Count} request(s).");
        }

        return ExitCodes.Success;
    }
}
