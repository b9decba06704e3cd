namespace Relay.Core.Devices;

/// <summary>The outcome of checking a device's MQTT credentials, worded for the refusal log.</summary>
public enum CredentialCheck
{
    Accepted,

    /// <summary>The username is not <c>{site}.{device}</c> with valid identifiers.</summary>
    MalformedUsername,

    UnknownDevice,

    WrongPassword,
}
