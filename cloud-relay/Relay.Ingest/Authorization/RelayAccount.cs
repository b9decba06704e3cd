using System.Security.Cryptography;
using System.Text;
using Relay.Core.Devices;

namespace Relay.Ingest.Authorization;

/// <summary>
/// The embedded broker's account for the relay's own client. The password is generated at each start and only ever
/// lives in this process's memory: there is no fixed secret to leak or to forget to change.
/// </summary>
public sealed class RelayAccount
{
    private readonly byte[] _password;

    public RelayAccount(string username)
    {
        Username = username;
        Password = PasswordHasher.GeneratePassword();
        _password = Encoding.UTF8.GetBytes(Password);
    }

    public string Username { get; }

    public string Password { get; }

    public bool Matches(string? username, string? password) =>
        username == Username && password is not null &&
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(password), _password);

    public override string ToString() => Username;
}
