using Provisioning.Cli.Commands.Camera;
using Provisioning.Cli.Commands.Site;
using Provisioning.Cli.Parsing;

namespace Provisioning.Cli.Tests.Units;

public sealed class ParsingTests
{
    [Theory]
    [InlineData("3s", 3_000)]
    [InlineData("500ms", 500)]
    [InlineData("2m", 120_000)]
    [InlineData("2min", 120_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("-5m", -300_000)]
    [InlineData("00:00:03", 3_000)]
    public void Durations_read_as_typed(string text, long milliseconds)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Fact]
    public void A_year_is_the_calendar_average()
    {
        Assert.True(DurationText.TryParse("3y", out var duration));
        Assert.Equal(TimeSpan.FromDays(3 * 365.25), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("3 parsecs")]
    [InlineData("99999999999y")]
    public void Nonsense_is_refused(string text) => Assert.False(DurationText.TryParse(text, out _));

    [Theory]
    [InlineData(0, "in step with this computer's clock")]
    [InlineData(75, "1 min 15 s ahead of this computer's clock")]
    [InlineData(-4 * 3600 - 300, "4 h 05 min behind this computer's clock")]
    [InlineData(2 * 86_400 + 3 * 3600, "2 days 3 h ahead of this computer's clock")]
    public void Clock_offsets_in_words(int seconds, string words) =>
        Assert.Equal(words, ClockOffsetWords.Describe(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData(0, "3 years 0 days")]
    [InlineData(-0.9, "3 years 0 days")]
    [InlineData(0.9, "3 years 0 days")]
    [InlineData(86_400, "3 years 1 day")]
    [InlineData(86_400 - 1, "3 years 1 day")]
    public void Years_are_rounded_not_truncated_since_cameras_report_whole_seconds(double extraSeconds, string words) =>
        Assert.StartsWith(words + " ahead", ClockOffsetWords.Describe((3 * DurationText.Year) + TimeSpan.FromSeconds(extraSeconds)), StringComparison.Ordinal);

    [Theory]
    [InlineData("rtsp://admin:secret@192.0.2.10:554/h264", "rtsp://admin:***@192.0.2.10:554/h264")]
    [InlineData("http://192.0.2.10/snap.cgi?user=admin&pwd=secret&res=hd", "http://192.0.2.10/snap.cgi?user=admin&pwd=***&res=hd")]
    [InlineData("http://192.0.2.10/onvif/device_service", "http://192.0.2.10/onvif/device_service")]
    public void Credentials_in_urls_are_never_shown(string url, string shown) => Assert.Equal(shown, UriText.Redact(new Uri(url)));

    [Theory]
    [InlineData("Mairie annexe – Nord", "mairie-annexe-nord")]
    [InlineData("  Hôtel de Ville (RDC)  ", "hotel-de-ville-rdc")]
    [InlineData("!!!", "site-1")]
    public void Names_become_ids(string name, string id) => Assert.Equal(id, Slug.From(name));

    [Fact]
    public void Jpeg_size_is_read_from_the_frame_header()
    {
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x01, 0xE0, 0x02, 0x80, 0x01, 0x01, 0x11, 0x00, 0xFF, 0xD9];

        Assert.Equal(new JpegInfo(640, 480), JpegInfo.TryRead(jpeg));
        Assert.Null(JpegInfo.TryRead("<html>"u8));
    }
}
