using System.Text.Json.Serialization;

namespace Relay.Core.Accounts;

/// <summary>What a person of the crisis cell may do at the relay.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<UserRole>))]
public enum UserRole
{
    /// <summary>Watches sites and alerts, acknowledges, silences, closes, runs drills, reads the audit log.</summary>
    [JsonStringEnumMemberName("operator")] Operator,

    /// <summary>All of the above, and manages the accounts.</summary>
    [JsonStringEnumMemberName("administrator")] Administrator,
}
