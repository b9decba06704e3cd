using Relay.Web.Admin;
using Relay.Web.Hosting;

// One executable, two uses: `devices ...` administers the store (with the relay stopped), anything else runs the relay.
if (RelayAdmin.Handles(args))
{
    return await RelayAdmin.RunAsync(args, Console.In, Console.Out, Console.Error, CancellationToken.None);
}

var app = RelayApp.Create(args);
await app.RunAsync();
return 0;
