using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Relay.Core.Certificates;

/// <summary>
/// Chains that end at the relay's CA and nowhere else: the machine's trust store plays no part, nothing is fetched
/// from the network (no AIA download, no online revocation: the relay keeps its own revocation list), and the time is
/// the relay's clock.
/// </summary>
public static class TrustChains
{
    public static X509Chain To(X509Certificate2 authority, DateTimeOffset now, string? applicationPolicy)
    {
        ArgumentNullException.ThrowIfNull(authority);
        var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        if (applicationPolicy is not null)
        {
            chain.ChainPolicy.ApplicationPolicy.Add(new Oid(applicationPolicy));
        }

        return chain;
    }
}
