using System.Net;

namespace Hardware.Onvif.Tests;

/// <summary>The virtual camera's default account (the password of the recorded responses).</summary>
internal static class TestCredentials
{
    public const string UserName = "admin";
    public const string Password = "9999";

    public static NetworkCredential Good => new(UserName, Password);
}
