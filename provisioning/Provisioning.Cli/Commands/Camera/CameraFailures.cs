using System.Net;
using Hardware.Onvif.Errors;
using Provisioning.Cli.Output;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Provisioning.Cli.Commands.Camera;

/// <summary>
/// Turns the ONVIF library's errors, already worded for the installer, into exit 1 with what to check next on
/// site: the usual field mistakes are a wrong password, a wrong address, ONVIF switched off, a camera unplugged.
/// </summary>
internal static class CameraFailures
{
    public static async Task<int> GuardAsync(CliContext context, Func<Task<int>> command)
    {
        try
        {
            return await command().ConfigureAwait(false);
        }
        catch (OnvifPresetNotFoundException exception)
        {
            context.Error.WriteError(exception.Message, "Give one of the names or tokens below with --preset.");
            context.Error.Write(PresetTable.Create(exception.AvailablePresets));
            return ExitCodes.Failed;
        }
        catch (OnvifException exception)
        {
            context.Error.WriteError(exception.Message, HintFor(exception));
            return ExitCodes.Failed;
        }
    }

    public static string? HintFor(OnvifException exception) => exception switch
    {
        OnvifAuthenticationException { UserName: null } =>
            "Give the camera's ONVIF user with --user and its password with --password-stdin (or EDGE_CAMERA_PASSWORD).",
        OnvifAuthenticationException =>
            "Check the user and password in the camera's web page. Many cameras keep ONVIF users apart from web users "
            + "(e.g. Hikvision: Configuration > Network > Advanced > Integration Protocol). The factory password is often on a label under the camera.",
        OnvifConnectionException =>
            $"Check that the camera is powered (PoE switch lights) and on this network: ping {exception.Endpoint?.Host ?? "<camera>"}. "
            + "Check the port in the URL; 'provision camera discover' lists the cameras that answer.",
        OnvifTimeoutException =>
            "The camera took the connection but did not answer in time: it may be rebooting or overloaded. Retry, or allow more with --timeout 30s.",
        OnvifHttpException { StatusCode: HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed } =>
            "Is ONVIF enabled in the camera's settings (often off from the factory)? Is this the camera's address, not the recorder's or the router's? "
            + "The device service is usually http://<camera>/onvif/device_service; 'provision camera discover' gives the exact URL.",
        OnvifHttpException =>
            "Something answers at this address, but not an ONVIF camera service. Check the address and port; 'provision camera discover' gives the exact URL.",
        OnvifProtocolException =>
            "The device at this address does not speak ONVIF as expected. Check that it is the camera (not a recorder or router), and that its firmware is up to date.",
        OnvifNotSupportedException => null,
        OnvifFaultException fault => fault.Subcodes.Count > 0 ? $"The camera's fault code: {string.Join(" / ", fault.Subcodes)}." : null,
        _ => null,
    };
}

/// <summary>
/// The presets of a camera, packed in columns (cameras have dozens): the name, and the token when it differs,
/// since either can be given to --preset.
/// </summary>
internal static class PresetTable
{
    public static IRenderable Create(IReadOnlyList<Hardware.Onvif.Ptz.PtzPreset> presets)
    {
        if (presets.Count == 0)
        {
            return new Markup("[grey]The camera has no preset: set one in its web page (PTZ > Preset).[/]");
        }

        return new Columns(presets.Select(p => new Markup(p.Name == p.Token
            ? Markup.Escape(p.Name)
            : $"{Markup.Escape(p.Name)} [grey](token {Markup.Escape(p.Token)})[/]"))).Collapse();
    }
}
