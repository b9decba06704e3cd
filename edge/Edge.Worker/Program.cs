using Edge.Core.Configuration;
using Edge.Worker.Hosting;
using Hardware.Gpio.Board;

// Exit codes: 0 stopped normally; 78 (EX_CONFIG) the site file or settings are wrong, and the systemd unit does not
// restart on it (an installer must fix the file); 1 anything else, which systemd restarts.
try
{
    await new EdgeRunner(args).RunAsync(CancellationToken.None);
    return 0;
}
catch (SiteFileException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 78;
}
catch (Microsoft.Extensions.Options.OptionsValidationException ex)
{
    await Console.Error.WriteLineAsync("Invalid settings: " + string.Join("; ", ex.Failures));
    return 78;
}
catch (EdgeConfigurationException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 78;
}
catch (GpioBoardException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 78;
}
