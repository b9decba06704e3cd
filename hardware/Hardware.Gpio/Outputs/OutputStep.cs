namespace Hardware.Gpio.Outputs;

/// <summary>One step of a pattern: the output on or off for a duration.</summary>
public readonly record struct OutputStep(bool On, TimeSpan Duration);
