namespace Hardware.Sip.Messages;

/// <summary>The request methods this user agent sends or answers.</summary>
internal static class SipMethods
{
    public const string Invite = "INVITE";
    public const string Ack = "ACK";
    public const string Bye = "BYE";
    public const string Cancel = "CANCEL";
    public const string Register = "REGISTER";
    public const string Options = "OPTIONS";
    public const string Update = "UPDATE";
    public const string Info = "INFO";

    /// <summary>The Allow header value we advertise: only what we really answer (protocols.md §1.6).</summary>
    public const string Allowed = "INVITE, ACK, BYE, CANCEL, OPTIONS, UPDATE, INFO";
}
