using System.Text.RegularExpressions;
using System.Xml.Linq;
using Hardware.Onvif.Security;
using Hardware.Onvif.Simulator;
using Hardware.Onvif.Soap;

namespace Hardware.Onvif.Tests.Security;

/// <summary>WS-Security PasswordDigest against the vectors of protocols.md §3.2 and the recorded files.</summary>
public sealed partial class PasswordDigestTests
{
    [Theory]
    [InlineData("NTE3MDA5ODgzMg==", "2014-12-25T16:28:49.646Z", "9999", "Eikg93ADHyNiflt5IOkjpIDbEB8=")]
    [InlineData("LKqI6G/AikKCQrN0zqZFlg==", "2024-01-01T00:00:00Z", "thingino", "/N95JlwSNNDNtjnSrFhN5272+d0=")]
    [InlineData("IywteLw60U/ozdLnYLo88A==", "2001-04-13T12:26:15.299Z", "9999", "mJuD/BXtwboUOWdoTTUFcWxTNyo=")]
    public void ComputePasswordDigest_MatchesPublishedVectors(string nonce, string created, string password, string expected)
    {
        Assert.Equal(expected, UsernameToken.ComputePasswordDigest(Convert.FromBase64String(nonce), created, password));
    }

    [Fact]
    public void ComputePasswordDigest_HashesTheDecodedNonceNotItsBase64Text()
    {
        // The classic mistake gives Eu1MnOC6GKoQiV8LPgBtipq9OT0= for vector 1 (protocols.md §3.2).
        string fromText = UsernameToken.ComputePasswordDigest("NTE3MDA5ODgzMg=="u8, "2014-12-25T16:28:49.646Z", "9999");

        Assert.Equal("Eu1MnOC6GKoQiV8LPgBtipq9OT0=", fromText);
        Assert.NotEqual("Eikg93ADHyNiflt5IOkjpIDbEB8=", fromText);
    }

    public static TheoryData<string> RecordedFilesWithAToken()
    {
        var files = new TheoryData<string>();
        foreach (string file in RecordedResponses.FileNames.Where(f => RecordedToken().IsMatch(RecordedResponses.ReadText(f))))
        {
            files.Add(file);
        }

        return files;
    }

    [Fact]
    public void RecordedFiles_HoldFortyNineTokensWithARealTimestamp()
    {
        Assert.Equal(49, RecordedFilesWithAToken().Count);
    }

    /// <summary>Every recorded request token was made with password 9999: each is a test vector.</summary>
    [Theory]
    [MemberData(nameof(RecordedFilesWithAToken))]
    public void ComputePasswordDigest_ReproducesTheTokenRecordedIn(string file)
    {
        Match token = RecordedToken().Match(RecordedResponses.ReadText(file));

        string digest = UsernameToken.ComputePasswordDigest(Convert.FromBase64String(token.Groups["nonce"].Value), token.Groups["created"].Value, "9999");

        Assert.Equal(token.Groups["password"].Value, digest);
    }

    [Fact]
    public void CreateSecurityHeader_CarriesUserDigestNonceAndCreated()
    {
        byte[] nonce = Convert.FromBase64String("NTE3MDA5ODgzMg==");
        var created = new DateTimeOffset(2014, 12, 25, 16, 28, 49, 646, TimeSpan.Zero);

        XElement header = UsernameToken.CreateSecurityHeader("admin", "9999", nonce, created);

        XElement token = header.Element(OnvifNamespaces.WsSecurity + "UsernameToken")!;
        Assert.Equal("admin", token.Element(OnvifNamespaces.WsSecurity + "Username")!.Value);
        Assert.Equal("Eikg93ADHyNiflt5IOkjpIDbEB8=", token.Element(OnvifNamespaces.WsSecurity + "Password")!.Value);
        Assert.Equal(OnvifNamespaces.PasswordDigestType, token.Element(OnvifNamespaces.WsSecurity + "Password")!.Attribute("Type")!.Value);
        Assert.Equal("NTE3MDA5ODgzMg==", token.Element(OnvifNamespaces.WsSecurity + "Nonce")!.Value);
        Assert.Equal("2014-12-25T16:28:49.646Z", token.Element(OnvifNamespaces.WsUtility + "Created")!.Value);
        Assert.Equal("1", header.Attribute(OnvifNamespaces.Soap12 + "mustUnderstand")!.Value);
    }

    [GeneratedRegex(@"<wsse:Password[^>]*>(?<password>[^<]+)</wsse:Password>\s*<wsse:Nonce[^>]*>(?<nonce>[^<]+)</wsse:Nonce>\s*<wsu:Created>(?<created>\d[^<]+)</wsu:Created>")]
    private static partial Regex RecordedToken();
}
