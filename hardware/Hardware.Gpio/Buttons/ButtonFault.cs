namespace Hardware.Gpio.Buttons;

public enum ButtonFault
{
    /// <summary>A normally-open button active far longer than any press: jammed, or shorted wiring.</summary>
    Stuck,

    /// <summary>A normally-closed loop open far longer than any press: the wire is cut or unplugged.</summary>
    WireCut,
}
