namespace Edge.Core.Scenarios;

public enum AlertChange
{
    /// <summary>Acknowledged by the crisis cell or a callee.</summary>
    Acknowledged,

    /// <summary>The crisis cell asked for the siren to stop.</summary>
    SirenSilenced,

    FalseAlarm,

    Cleared,
}
