using System.CommandLine;
using System.Net;
using Hardware.Onvif;
using Provisioning.Cli.Output;
using Provisioning.Cli.Parsing;
using Spectre.Console;

namespace Provisioning.Cli.Commands.Camera;

/// <summary>
/// How every camera command reaches its camera: URL or host, user, and a password that need not be on the command
/// line (stdin, environment, or a prompt), so that it stays out of shell history and process lists.
/// </summary>
internal sealed class CameraConnectionOptions
{
    public const string PasswordVariable = "EDGE_CAMERA_PASSWORD";

    public Option<string> Url { get; } = new("--url")
    {
        Description = "The camera's ONVIF device service URL, or just its address: 192.168.1.64, 192.168.1.64:8080, http://cam.local.",
        HelpName = "url-or-host",
        Required = true,
    };

    public Option<string?> User { get; } = new("--user", "-u") { Description = "The camera's ONVIF user (often admin). Without it, the camera is asked anonymously." };

    public Option<string?> Password { get; } = new("--password", "-p")
    {
        Description = $"The password. Prefer --password-stdin or the {PasswordVariable} environment variable: a password on the command line ends up in the shell history.",
    };

    public Option<bool> PasswordStdin { get; } = new("--password-stdin") { Description = "Read the password from the first line of standard input." };

    public Option<TimeSpan> Timeout { get; } = OptionParsers.Duration("--timeout", TimeSpan.FromSeconds(10), "Longest wait for each answer from the camera, e.g. 10s.");

    public void AddTo(Command command)
    {
        command.Options.Add(Url);
        command.Options.Add(User);
        command.Options.Add(Password);
        command.Options.Add(PasswordStdin);
        command.Options.Add(Timeout);
    }

    /// <summary>Where the camera is, from --url; a usage error when it is not an address.</summary>
    public Uri DeviceServiceUri(ParseResult parse)
    {
        var text = parse.GetValue(Url)!;
        try
        {
            return OnvifClient.ToDeviceServiceUri(text);
        }
        catch (ArgumentException exception)
        {
            throw new UsageException($"--url: {exception.Message}") { Hint = "Give the camera's IP address, or its ONVIF URL, e.g. http://192.168.1.64/onvif/device_service." };
        }
    }

    /// <summary>The credential, from --password, --password-stdin, the environment, or a prompt — in that order.</summary>
    public async Task<NetworkCredential?> CredentialAsync(ParseResult parse, CliContext context, CancellationToken cancellationToken)
    {
        var user = parse.GetValue(User);
        var password = parse.GetValue(Password);
        var fromStdin = parse.GetValue(PasswordStdin);
        if (password is not null && fromStdin)
        {
            throw new UsageException("--password and --password-stdin are both given; keep one.");
        }

        if (fromStdin)
        {
            password = (await context.Input.ReadLineAsync(cancellationToken).ConfigureAwait(false))?.TrimEnd('\r')
                ?? throw new UsageException("--password-stdin: standard input is empty.") { Hint = "Example: printf '%s\\n' \"$PASS\" | provision camera probe --url … --user admin --password-stdin" };
        }

        password ??= context.GetEnvironmentVariable(PasswordVariable);
        if (user is null)
        {
            return null;
        }

        if (password is null)
        {
            if (!context.CanPromptOn(context.Error))
            {
                throw new UsageException($"no password for user '{user}'.")
                {
                    Hint = $"Give it with --password-stdin, the {PasswordVariable} environment variable, or --password.",
                };
            }

            password = await new TextPrompt<string>($"Password of '{Markup.Escape(user)}' on the camera:").Secret().AllowEmpty()
                .ShowAsync(context.Error, cancellationToken).ConfigureAwait(false);
        }

        return new NetworkCredential(user, password);
    }

    /// <summary>Connects, under a spinner when someone watches; failures are <see cref="Hardware.Onvif.Errors.OnvifException"/>s.</summary>
    public async Task<CameraSession> ConnectAsync(ParseResult parse, CliContext context, CancellationToken cancellationToken)
    {
        var uri = DeviceServiceUri(parse);
        var credential = await CredentialAsync(parse, context, cancellationToken).ConfigureAwait(false);
        var client = new CameraClient(context, parse.GetValue(Timeout));
        try
        {
            var camera = await context.Error.WithStatusAsync($"Connecting to {uri}…", () => client.Onvif.ConnectAsync(uri, credential, cancellationToken)).ConfigureAwait(false);
            return new CameraSession(client, camera);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }
}
