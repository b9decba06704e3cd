namespace Hardware.Sip.Registration;

/// <summary>Where the registration stands.</summary>
public enum RegistrationState
{
    /// <summary>Never registered, or unregistered.</summary>
    Unregistered,

    /// <summary>A REGISTER is in flight.</summary>
    Registering,

    /// <summary>The registrar accepted our binding; refreshes run in the background.</summary>
    Registered,

    /// <summary>The last attempt failed; it is retried after <see cref="SipPhoneOptions.RegistrationRetryInterval"/>.</summary>
    Failed,
}
