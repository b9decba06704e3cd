using Edge.Core.Configuration;
using Edge.Worker.SiteUpdates;
using Hardware.Gpio.Board;

namespace Edge.Worker.Hosting;

/// <summary>
/// Runs the box's host, and runs it again when a pushed site file asks for it (<see cref="SiteUpdater"/>). If the box
/// cannot start on a freshly pushed file, the previous file is put back and the box starts on it: a bad push never
/// leaves a building without its panic buttons.
/// </summary>
public sealed class EdgeRunner(string[] args, Action<WebApplicationBuilder>? configure = null)
{
    private readonly TaskCompletionSource<WebApplication> _firstStart = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The host running now (it changes at each restart).</summary>
    public WebApplication? Current { get; private set; }

    /// <summary>Raised after every start, with the new host.</summary>
    public event Action<WebApplication>? Started;

    /// <summary>Completes when the box has started the first time (or fails with why it could not).</summary>
    public Task<WebApplication> FirstStart => _firstStart.Task;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var app = await StartWithRollbackAsync(cancellationToken);
                Current = app;
                _firstStart.TrySetResult(app);
                Started?.Invoke(app);
                var updater = app.Services.GetRequiredService<SiteUpdater>();
                try
                {
                    await app.WaitForShutdownAsync(cancellationToken);
                }
                finally
                {
                    await app.StopAsync(CancellationToken.None);
                    await app.DisposeAsync();
                }

                if (!updater.RestartRequested)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (!_firstStart.Task.IsCompleted)
        {
            _firstStart.TrySetException(ex);
            throw;
        }
    }

    private async Task<WebApplication> StartWithRollbackAsync(CancellationToken cancellationToken)
    {
        WebApplication? app = null;
        try
        {
            app = EdgeApp.Create(args, configure);
            await app.StartAsync(cancellationToken);
            return app;
        }
        catch (Exception ex) when (ex is SiteFileException or GpioBoardException && RollBack(ex))
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            app = EdgeApp.Create(args, configure);
            await app.StartAsync(cancellationToken);
            return app;
        }
    }

    /// <summary>Puts the previous site file back if the failing one was just pushed; false otherwise (a box
    /// installed with a bad file must say so and stop, not guess).</summary>
    private bool RollBack(Exception ex)
    {
        var paths = new SiteFilePaths(EdgeApp.SitePath(new ConfigurationBuilder().AddJsonFile("appsettings.json", optional: true).AddEnvironmentVariables().AddCommandLine(args).Build(), Environment.CurrentDirectory));
        if (SiteUpdateMarker.Read(paths.PendingMarker) is not { } pushed || !File.Exists(paths.Previous))
        {
            return false;
        }

        File.Copy(paths.Previous, paths.Current, overwrite: true);
        File.Delete(paths.PendingMarker);
        (pushed with { Reason = ex.Message.Length > 500 ? ex.Message[..500] : ex.Message }).Write(paths.RollbackMarker);
        return true;
    }
}
