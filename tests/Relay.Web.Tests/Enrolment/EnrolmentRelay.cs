using Relay.Testing;

namespace Relay.Web.Tests.Enrolment;

/// <summary>One relay with HTTPS for the enrolment tests (each test enrols its own device names).</summary>
public sealed class EnrolmentRelay : IAsyncLifetime
{
    internal RunningRelay Relay { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Relay = await RunningRelay.StartAsync([], null, (TimeProvider?)null, "--Relay:Https:Port=0", "--Relay:Enrolment:AttemptsPerMinute=100");

    public async ValueTask DisposeAsync() => await Relay.DisposeAsync();
}
