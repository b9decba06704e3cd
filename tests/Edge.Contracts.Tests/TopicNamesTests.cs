using Edge.Contracts.Topics;

namespace Edge.Contracts.Tests;

public sealed class TopicNamesTests
{
    [Fact]
    public void Topics_AreScopedBySiteAndDevice()
    {
        var alert = Guid.Parse("0193d4a2-0000-7000-8000-000000000001");

        Assert.Equal("edge/v1/mairie-centre/accueil-1/alerts", TopicNames.Alerts("mairie-centre", "accueil-1"));
        Assert.Equal($"edge/v1/mairie-centre/accueil-1/media/{alert:D}/2", TopicNames.Media("mairie-centre", "accueil-1", alert, 2));
        Assert.Equal("edge/v1/mairie-centre/accueil-1/#", TopicNames.DeviceSubtree("mairie-centre", "accueil-1"));
    }

    [Theory]
    [InlineData("edge/v1/mairie-centre/accueil-1/alerts", TopicKind.Alerts)]
    [InlineData("edge/v1/mairie-centre/accueil-1/status", TopicKind.Status)]
    [InlineData("edge/v1/mairie-centre/accueil-1/receipts", TopicKind.Receipts)]
    [InlineData("edge/v1/mairie-centre/accueil-1/media/0193d4a2-0000-7000-8000-000000000001/3", TopicKind.Media)]
    public void TryParse_KnownTopics(string topic, TopicKind kind)
    {
        Assert.True(TopicNames.TryParse(topic, out var parsed));
        Assert.Equal(kind, parsed.Kind);
        Assert.Equal("mairie-centre", parsed.Site);
        Assert.Equal("accueil-1", parsed.Device);
    }

    [Theory]
    [InlineData("edge/v2/mairie-centre/accueil-1/alerts")]
    [InlineData("edge/v1/Mairie/accueil-1/alerts")]
    [InlineData("edge/v1/mairie-centre/accueil-1/alerts/extra")]
    [InlineData("edge/v1/mairie-centre/accueil-1/media/not-a-guid/1")]
    [InlineData("edge/v1/mairie-centre/accueil-1/media/0193d4a2-0000-7000-8000-000000000001/0")]
    [InlineData("edge/v1/mairie-centre/accueil-1/media/0193d4a2-0000-7000-8000-000000000001/999")]
    [InlineData("edge/v1/+/accueil-1/alerts")]
    [InlineData("")]
    public void TryParse_RefusesEverythingElse(string topic) => Assert.False(TopicNames.TryParse(topic, out _));

    [Fact]
    public void BuildingATopic_WithABadIdentifier_Throws() =>
        Assert.Throws<ArgumentException>(() => TopicNames.Alerts("a/b", "c"));
}
