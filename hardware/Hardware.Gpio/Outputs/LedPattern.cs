namespace Hardware.Gpio.Outputs;

/// <summary>What the status LED tells the people in the building, in order of precedence (highest last).</summary>
public enum LedPattern
{
    /// <summary>All well: a short blink every two seconds (alive, but not distracting).</summary>
    Idle,

    /// <summary>No link to the relay: slow even blink.</summary>
    Offline,

    /// <summary>Something needs the installer (stuck button, cut wire, storage): double blink.</summary>
    Fault,

    /// <summary>The crisis cell has acknowledged the alert: steady on, so the agent knows help is coming.</summary>
    Acknowledged,

    /// <summary>An alert is running: fast blink.</summary>
    Alarm,
}
