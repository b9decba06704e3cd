using Microsoft.Extensions.Options;
using Relay.Web.Admin;
using Relay.Web.Hosting;
using Relay.Web.Hosting.ProductionMode;

// One executable, two uses: `devices ...` / `users ...` administer the store (with the relay stopped), anything else
// runs the relay.
if (RelayAdmin.Handles(args))
{
    return await RelayAdmin.RunAsync(args, Console.In, Console.Out, Console.Error, CancellationToken.None);
}

try
{
    var app = RelayApp.Create(args);
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is RelayConfigurationException or OptionsValidationException)
{
    // A configuration the relay refuses: say what to fix, without a stack trace, and exit with EX_CONFIG.
    await Console.Error.WriteLineAsync(ex.Message);
    return RelayConfigurationException.ExitCode;
}
