using System.Reflection;

namespace Edge.Worker.Tests.Architecture;

/// <summary>The layering of ARCHITECTURE.md and edge/README.md, checked on the compiled assemblies.</summary>
public sealed class DependencyRulesTests
{
    public static TheoryData<string, string> Forbidden => new()
    {
        // Hardware drivers know nothing of the product.
        { "Hardware.Gpio", "Edge." },
        { "Hardware.Onvif", "Edge." },
        // The rules of the box hold no storage, network or host: those are plugged in from outside.
        { "Edge.Core", "LiteDB" },
        { "Edge.Core", "MQTTnet" },
        { "Edge.Core", "Microsoft.Extensions.Hosting" },
        { "Edge.Core", "Hardware.Onvif" },
        { "Edge.Contracts", "Edge." },
        { "Edge.Contracts", "Hardware." },
        { "Edge.Outbox", "MQTTnet" },
    };

    [Theory]
    [MemberData(nameof(Forbidden))]
    public void Assembly_DoesNotReference(string assembly, string forbiddenPrefix)
    {
        var references = Assembly.Load(assembly).GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(references, r => r.StartsWith(forbiddenPrefix, StringComparison.Ordinal) && r != assembly);
    }
}
