using Hardware.Sip.Simulator;

namespace Provisioning.Demo;

/// <summary>
/// The phones the demo box calls, on a virtual phone line: the municipal police answer after ringing and press 1
/// three seconds into the message; the DGS on call does not answer (the box then moves on, or stops calling once
/// the police have acknowledged).
/// </summary>
public sealed class DemoPhones : IAsyncDisposable
{
    private DemoPhones(VirtualPhone line) => Line = line;

    public VirtualPhone Line { get; }

    public int Port => Line.Port;

    public static async Task<DemoPhones> StartAsync(int port, CancellationToken cancellationToken)
    {
        var line = await VirtualPhone.StartAsync(new VirtualPhoneOptions
        {
            Port = port,
            Lines = new Dictionary<string, LineBehavior>(StringComparer.Ordinal)
            {
                ["police"] = LineBehavior.AnswerAndAcknowledge(after: TimeSpan.FromSeconds(3), digit: '1', ringFor: TimeSpan.FromSeconds(2)),
                ["astreinte"] = LineBehavior.NoAnswer(),
            },
            Audio = VirtualPhoneOptions.Tone(),
        }, cancellationToken);
        return new DemoPhones(line);
    }

    public ValueTask DisposeAsync() => Line.DisposeAsync();
}
