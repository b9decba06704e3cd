using System.Runtime.InteropServices;

namespace Provisioning.Cli.Commands.Camera;

/// <summary>
/// Ctrl+C and SIGTERM for a command that hosts the virtual camera. Its web host installs its own console
/// lifetime, which takes Ctrl+C for itself (it stops the web server and marks the signal handled), so the
/// command line's own cancellation never fires; registering after the host started puts this handler in line too.
/// </summary>
internal sealed class TerminationSignals : IDisposable
{
    private readonly PosixSignalRegistration[] _registrations;

    public TerminationSignals(CancellationTokenSource stop)
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop),
        ];

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            try
            {
                stop.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // A second signal (Ctrl+C, then kill) while the command is already ending: it is stopping anyway.
            }
        }
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }
}
