namespace Hardware.Onvif.Security;

/// <summary>The digest algorithms .NET can compute (there is no SHA-512/256 primitive, so that one is skipped).</summary>
internal enum DigestAlgorithm
{
    Md5,
    Md5Sess,
    Sha256,
    Sha256Sess,
}
