namespace Hardware.Gpio.Buttons;

/// <summary>How the button's contact is wired.</summary>
public enum ButtonWiring
{
    /// <summary>The contact closes when pressed. A cut wire looks like a button never pressed: undetectable.</summary>
    NormallyOpen,

    /// <summary>The contact opens when pressed. A cut wire looks like a button held forever: detected as a fault.
    /// Preferred for panic buttons on long cable runs.</summary>
    NormallyClosed,
}
