using System.CommandLine;
using System.Net;
using Hardware.Onvif.Discovery;
using Provisioning.Cli.Output;
using Provisioning.Cli.Parsing;
using Spectre.Console;

namespace Provisioning.Cli.Commands.Camera;

/// <summary><c>camera discover</c>: a WS-Discovery Probe on the local network; every camera that answers, in a table.</summary>
internal sealed class CameraDiscoverCommand : Command
{
    private readonly CliContext _context;

    private readonly Option<TimeSpan> _timeout = OptionParsers.Duration("--timeout", TimeSpan.FromSeconds(3), "How long to listen for answers, e.g. 3s (cameras wait up to 0.5 s before answering).");

    private readonly Option<IPAddress?> _interface = OptionParsers.Address("--interface", "The address of this computer on the cameras' network, when it has several (Wi-Fi and Ethernet).");

    private readonly Option<IPEndPoint?> _destination = OptionParsers.EndPoint(
        "--destination", "Send the Probe to this address and port instead of the multicast group 239.255.255.250:3702 (a camera on another subnet, or the simulator).");

    public CameraDiscoverCommand(CliContext context)
        : base("discover", "Find the ONVIF cameras on this network (WS-Discovery).")
    {
        _context = context;
        Options.Add(_timeout);
        Options.Add(_interface);
        Options.Add(_destination);
        SetAction((parse, cancellationToken) => CameraFailures.GuardAsync(context, () => RunAsync(parse, cancellationToken)));
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var options = new OnvifDiscoveryOptions
        {
            Duration = parse.GetValue(_timeout),
            LocalAddress = parse.GetValue(_interface) ?? IPAddress.Any,
            Destination = parse.GetValue(_destination) ?? OnvifDiscoveryOptions.MulticastEndpoint,
        };
        var discovery = new OnvifDiscovery(_context.Time);
        var cameras = await _context.Error.WithStatusAsync($"Listening for cameras for {options.Duration.TotalSeconds:0.#} s…",
            () => discovery.ProbeAsync(options, cancellationToken)).ConfigureAwait(false);

        if (cameras.Count == 0)
        {
            _context.Error.WriteError(
                $"no ONVIF camera answered within {options.Duration.TotalSeconds:0.#} s (probe sent to {options.Destination}).",
                "Check that this computer is on the cameras' network (same switch / VLAN), that ONVIF and its discovery are enabled in the cameras, "
                + "and choose the network with --interface when this computer has several. A camera on another subnet: --destination <its address>:3702.");
            return ExitCodes.Failed;
        }

        var table = new Table().AddColumns("address", "name", "hardware", "location", "XAddrs (device service)");
        foreach (var camera in cameras)
        {
            table.AddRow(
                Markup.Escape(camera.RespondedFrom.Address.ToString()),
                Markup.Escape(camera.Name ?? "-"),
                Markup.Escape(camera.Hardware ?? "-"),
                Markup.Escape(camera.Location ?? "-"),
                Markup.Escape(string.Join(' ', camera.XAddrs.Select(UriText.Redact))));
        }

        _context.Out.Write(table);
        _context.Out.WriteNote($"{cameras.Count} camera(s). Next: provision camera probe --url <XAddr> --user <user> --password-stdin");
        return ExitCodes.Success;
    }
}
