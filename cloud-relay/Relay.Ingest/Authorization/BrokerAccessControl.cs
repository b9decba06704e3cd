using System.Collections;
using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Relay.Core.Certificates;
using Relay.Core.Devices;
using Relay.Core.Ingest;

namespace Relay.Ingest.Authorization;

/// <summary>
/// The embedded broker's gatekeeper: who may connect (on the TLS endpoint, every device with the certificate the relay
/// issued it; on the plain endpoint, every device with its own password and the relay with its per-start account),
/// and what each connection may publish and subscribe to (<see cref="TopicPolicy"/>, the same on both endpoints).
/// Refusals are logged (rate-limited, never with a password) and counted.
/// </summary>
public sealed partial class BrokerAccessControl
{
    public const string PrincipalKey = "relay.principal";

    private readonly DeviceAccounts _accounts;
    private readonly DeviceCertificateVerifier _certificates;

    // MQTTnet resumes a persistent session with the items of the connection that created it, not those set while
    // validating this one: the principal decided now is put into the session when the connection is accepted.
    private readonly ConcurrentDictionary<string, BrokerPrincipal> _validated = new(StringComparer.Ordinal);
    private readonly RelayAccount _relayAccount;
    private readonly IPAddress _listenAddress;
    private readonly AccessCounters _counters;
    private readonly RateLimitedLog _refusalLog;
    private readonly ILogger _logger;
    private volatile bool _acceptingDevices;

    public BrokerAccessControl(DeviceAccounts accounts, DeviceCertificateVerifier certificates, RelayAccount relayAccount, IPAddress listenAddress, AccessCounters counters, TimeProvider timeProvider, ILogger logger)
    {
        _accounts = accounts;
        _certificates = certificates;
        _relayAccount = relayAccount;
        _listenAddress = listenAddress;
        _counters = counters;
        _refusalLog = new RateLimitedLog(timeProvider);
        _logger = logger;
    }

    public void Attach(MqttServer server)
    {
        server.ValidatingConnectionAsync += ValidateConnectionAsync;
        server.InterceptingPublishAsync += InterceptPublishAsync;
        server.InterceptingSubscriptionAsync += InterceptSubscriptionAsync;
        server.ClientConnectedAsync += OnClientConnectedAsync;
        server.ClientDisconnectedAsync += OnClientDisconnectedAsync;
    }

    /// <summary>
    /// Devices are told "server unavailable" (and retry) until the relay's client has subscribed, so that nothing
    /// they publish at start-up is dropped for lack of a subscriber.
    /// </summary>
    public void AcceptDevices() => _acceptingDevices = true;

    /// <summary>The principal of a connected client (from its session), or null.</summary>
    public static BrokerPrincipal? PrincipalOf(IDictionary? sessionItems) =>
        sessionItems is not null && sessionItems.Contains(PrincipalKey) ? sessionItems[PrincipalKey] as BrokerPrincipal : null;

    private async Task ValidateConnectionAsync(ValidatingConnectionEventArgs args)
    {
        if (args.IsSecureConnection)
        {
            await ValidateCertificateDeviceAsync(args).ConfigureAwait(false);
            return;
        }

        if (args.UserName == _relayAccount.Username)
        {
            ValidateRelay(args);
            return;
        }

        if (!_acceptingDevices)
        {
            Refuse(args, MqttConnectReasonCode.ServerUnavailable, "connect-not-ready", "relay is still starting");
            return;
        }

        var check = await _accounts.CheckAsync(args.UserName, args.Password, args.CancellationToken).ConfigureAwait(false);
        switch (check)
        {
            case CredentialCheck.MalformedUsername:
                Refuse(args, MqttConnectReasonCode.BadUserNameOrPassword, "connect-malformed-username", "username is not {site}.{device}");
                return;
            case CredentialCheck.UnknownDevice:
                Refuse(args, MqttConnectReasonCode.BadUserNameOrPassword, "connect-unknown-device", "no such device registered");
                return;
            case CredentialCheck.WrongPassword:
                Refuse(args, MqttConnectReasonCode.BadUserNameOrPassword, "connect-wrong-password", "wrong password");
                return;
        }

        // A device's session is its identity: a client id other than its username could take over another
        // device's session (and its queued commands).
        if (args.ClientId != args.UserName)
        {
            Refuse(args, MqttConnectReasonCode.ClientIdentifierNotValid, "connect-client-id-mismatch", "client id must equal the username");
            return;
        }

        DeviceId.TryParseUsername(args.UserName, out var id);
        AcceptDevice(args, new DevicePrincipal(id!));
    }

    /// <summary>
    /// TLS endpoint: the handshake already refused any certificate that is not a valid, unrevoked box certificate of
    /// the relay's CA (<see cref="Tls.DeviceCertificateGate"/>). Here the certificate's identity must also be the
    /// client id (and the username, when one is sent; a password is not needed and not looked at), and the device
    /// still registered. The revocation list is read again: it may have changed since the handshake.
    /// </summary>
    private async Task ValidateCertificateDeviceAsync(ValidatingConnectionEventArgs args)
    {
        if (!_acceptingDevices)
        {
            Refuse(args, MqttConnectReasonCode.ServerUnavailable, "connect-not-ready", "relay is still starting");
            return;
        }

        var check = _certificates.Check(args.ClientCertificate);
        if (!check.IsAccepted)
        {
            var code = check.Verdict == ClientCertificateVerdict.Revoked ? MqttConnectReasonCode.Banned : MqttConnectReasonCode.NotAuthorized;
            Refuse(args, code, "connect-" + check.Verdict.CounterName(), $"certificate refused: {check.Verdict}");
            return;
        }

        var id = check.Device!;
        if (!string.IsNullOrEmpty(args.UserName) && args.UserName != id.Username)
        {
            Refuse(args, MqttConnectReasonCode.BadUserNameOrPassword, "connect-certificate-username-mismatch", $"username is not the certificate's identity '{id.Username}'");
            return;
        }

        if (args.ClientId != id.Username)
        {
            Refuse(args, MqttConnectReasonCode.ClientIdentifierNotValid, "connect-client-id-mismatch", $"client id must be the certificate's identity '{id.Username}'");
            return;
        }

        if (!await _accounts.ExistsAsync(id, args.CancellationToken).ConfigureAwait(false))
        {
            Refuse(args, MqttConnectReasonCode.NotAuthorized, "connect-unknown-device", "certificate of a device no longer registered");
            return;
        }

        AcceptDevice(args, new DevicePrincipal(id, check.SerialNumber));
    }

    private void AcceptDevice(ValidatingConnectionEventArgs args, DevicePrincipal principal)
    {
        var (hasWill, willTopic) = ConnectPacketAccess.Will(args);
        if (hasWill && !TopicPolicy.IsAllowedWill(principal, willTopic))
        {
            Refuse(args, MqttConnectReasonCode.NotAuthorized, "connect-foreign-will", $"Last Will on '{willTopic}' instead of its own status topic");
            return;
        }

        Accept(args, principal);
    }

    private void Accept(ValidatingConnectionEventArgs args, BrokerPrincipal principal)
    {
        args.SessionItems[PrincipalKey] = principal;
        _validated[args.ClientId] = principal;
        args.ReasonCode = MqttConnectReasonCode.Success;
    }

    private void ValidateRelay(ValidatingConnectionEventArgs args)
    {
        var fromHere = args.RemoteEndPoint is IPEndPoint remote &&
                       (IPAddress.IsLoopback(remote.Address) || remote.Address.Equals(_listenAddress));
        if (!_relayAccount.Matches(args.UserName, args.Password) || args.ClientId != _relayAccount.Username || !fromHere)
        {
            Refuse(args, MqttConnectReasonCode.BadUserNameOrPassword, "connect-relay-account-refused", "the relay's own account is only for the relay, from this machine");
            return;
        }

        Accept(args, new RelayPrincipal());
    }

    private Task InterceptPublishAsync(InterceptingPublishEventArgs args)
    {
        var topic = args.ApplicationMessage.Topic;
        var principal = PrincipalOf(args.SessionItems);
        if (principal is not null && TopicPolicy.MayPublish(principal, topic))
        {
            if (args.ApplicationMessage.Retain && !TopicPolicy.MayRetain(topic))
            {
                args.ApplicationMessage.Retain = false;
            }

            return Task.CompletedTask;
        }

        args.ProcessPublish = false;
        args.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
        Deny("publish-denied", args.ClientId, topic);
        return Task.CompletedTask;
    }

    private Task InterceptSubscriptionAsync(InterceptingSubscriptionEventArgs args)
    {
        var filter = args.TopicFilter.Topic;
        var principal = PrincipalOf(args.SessionItems);
        if (principal is not null && TopicPolicy.MaySubscribe(principal, filter))
        {
            return Task.CompletedTask;
        }

        args.ProcessSubscription = false;
        args.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
        Deny("subscribe-denied", args.ClientId, filter);
        return Task.CompletedTask;
    }

    private Task OnClientConnectedAsync(ClientConnectedEventArgs args)
    {
        if (_validated.TryRemove(args.ClientId, out var principal))
        {
            args.SessionItems[PrincipalKey] = principal;
        }

        LogConnected(_logger, args.ClientId, args.RemoteEndPoint?.ToString() ?? "?", args.ProtocolVersion.ToString());
        return Task.CompletedTask;
    }

    private Task OnClientDisconnectedAsync(ClientDisconnectedEventArgs args)
    {
        LogDisconnected(_logger, args.ClientId, args.DisconnectType.ToString());
        return Task.CompletedTask;
    }

    private void Refuse(ValidatingConnectionEventArgs args, MqttConnectReasonCode code, string counter, string why)
    {
        args.ReasonCode = code;
        _counters.Denied.Increment(counter);
        if (_refusalLog.TryAcquire(counter, out var suppressed))
        {
            LogConnectRefused(_logger, LogText.Printable(args.UserName), LogText.Printable(args.ClientId), args.RemoteEndPoint?.ToString() ?? "?", why, suppressed);
        }
    }

    private void Deny(string counter, string clientId, string topic)
    {
        _counters.Denied.Increment(counter);
        if (_refusalLog.TryAcquire(counter, out var suppressed))
        {
            LogDenied(_logger, counter, LogText.Printable(clientId), LogText.Printable(topic), suppressed);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused MQTT connection of user '{User}' (client id '{ClientId}') from {Remote}: {Why} [{Suppressed} similar refusals not logged before this one]")]
    private static partial void LogConnectRefused(ILogger logger, string user, string clientId, string remote, string why, long suppressed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Broker {What}: client '{ClientId}' on '{Topic}' [{Suppressed} similar denials not logged before this one]")]
    private static partial void LogDenied(ILogger logger, string what, string clientId, string topic, long suppressed);

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT client '{ClientId}' connected from {Remote} ({Protocol})")]
    private static partial void LogConnected(ILogger logger, string clientId, string remote, string protocol);

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT client '{ClientId}' disconnected ({How})")]
    private static partial void LogDisconnected(ILogger logger, string clientId, string how);
}
