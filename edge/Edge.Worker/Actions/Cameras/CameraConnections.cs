using System.Collections.Concurrent;
using System.Net;
using Edge.Core.Configuration.Model;
using Edge.Worker.Hosting;
using Hardware.Onvif;

namespace Edge.Worker.Actions.Cameras;

/// <summary>
/// One connected <see cref="OnvifCamera"/> per camera of the site file, made on first use and kept: connecting costs
/// four or five SOAP exchanges (clock, services, identity, profiles) that an alert should not wait for twice. After a
/// failure the camera is forgotten, so the next alert connects afresh (new clock offset, new addresses, new password).
/// </summary>
public sealed class CameraConnections(OnvifClient client, SecretStore secrets)
{
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    /// <summary>The connected camera, connecting now if there is none.</summary>
    /// <exception cref="ActionFailedException">The camera's password secret is not provisioned.</exception>
    public async Task<OnvifCamera> GetAsync(CameraConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        var slot = _slots.GetOrAdd(config.Id, _ => new Slot());

        // Two alerts at once on the same camera share one connection attempt rather than racing two.
        await slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return slot.Camera ??= await client.ConnectAsync(config.Url, Credential(config), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    /// <summary>Drops <paramref name="broken"/> so that the next use reconnects (unless another caller already did).</summary>
    public void Forget(CameraConfig config, OnvifCamera? broken)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (broken is not null && _slots.TryGetValue(config.Id, out var slot))
        {
            Interlocked.CompareExchange(ref slot.Camera, null, broken);
        }
    }

    private NetworkCredential? Credential(CameraConfig config)
    {
        if (config.Username is null)
        {
            return null;
        }

        if (config.PasswordSecret is not { } name)
        {
            // The site file validator already warned: a user without a password.
            return new NetworkCredential(config.Username, string.Empty);
        }

        string? password;
        try
        {
            password = secrets.Find(name);
        }
        catch (ArgumentException ex)
        {
            throw new ActionFailedException($"camera '{config.Id}': {ex.Message}", ex);
        }

        return password is null
            ? throw new ActionFailedException($"camera '{config.Id}': its password (secret '{name}') is not provisioned; looked for in {secrets.Describe(name)}.")
            : new NetworkCredential(config.Username, password);
    }

    private sealed class Slot
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public OnvifCamera? Camera;
    }
}
