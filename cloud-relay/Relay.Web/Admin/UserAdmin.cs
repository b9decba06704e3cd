using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Relay.Core.Accounts;
using Relay.Core.Audit;
using Relay.Core.Storage;
using Relay.Web.Accounts;

namespace Relay.Web.Admin;

/// <summary>
/// Accounts of the crisis cell from the command line, for the first administrator and for recovery:
/// <code>
/// users add NAME [--role operator|administrator] [--password-stdin]
/// users list
/// users disable NAME | users enable NAME
/// users reset-password NAME [--password-stdin]
/// </code>
/// Like <c>devices</c>, they open the store directly: stop the relay first. Each change is audited with the actor
/// <c>cli:{operating-system user}</c>.
/// </summary>
public static class UserAdmin
{
    private const int Ok = 0;
    private const int Failed = 1;
    private const int Usage = 2;

    private const string HelpText = """
        Relay account administration (stop the relay first: the store file is opened directly).

          users add NAME [--role operator|administrator] [--password-stdin]
                                         create an account (role operator by default); without --password-stdin a
                                         strong password is generated and printed once
          users list                     list accounts
          users disable NAME             refuse its logins and end its sessions
          users enable NAME
          users reset-password NAME [--password-stdin]
                                         set a new password (generated and printed once without --password-stdin)

        Options: --store PATH   the relay's LiteDB file (default: Relay:Store:Path, else data/relay.db)
        Names: lower-case letters, digits, '.', '_' and '-'. Passwords: at least 12 characters.
        """;

    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(error);
        var (positional, options) = RelayAdmin.Split(args.Skip(1));
        if (await RelayAdmin.AnswerHelpAsync(positional, options, HelpText, output, error).ConfigureAwait(false) is { } helpExit)
        {
            return helpExit;
        }

        LiteDbRelayStore store;
        try
        {
            store = LiteDbRelayStore.Open(RelayAdmin.StorePath(options), TimeProvider.System, NullLogger<LiteDbRelayStore>.Instance);
        }
        catch (IOException ex)
        {
            await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return Failed;
        }

        using (store)
        {
            var context = new Context(new UserAccounts(store, Options.Create(new AuthOptions()), TimeProvider.System), store, input, output, error, cancellationToken);
            var fromStdin = options.ContainsKey("--password-stdin");
            return (positional[0], positional.Count) switch
            {
                ("add", 2) => await AddAsync(context, positional[1], options.GetValueOrDefault("--role"), fromStdin).ConfigureAwait(false),
                ("list", 1) => await ListAsync(context).ConfigureAwait(false),
                ("disable", 2) => await SetDisabledAsync(context, positional[1], disabled: true).ConfigureAwait(false),
                ("enable", 2) => await SetDisabledAsync(context, positional[1], disabled: false).ConfigureAwait(false),
                ("reset-password", 2) => await ResetPasswordAsync(context, positional[1], fromStdin).ConfigureAwait(false),
                _ => await UsageAsync(error).ConfigureAwait(false),
            };
        }
    }

    private sealed record Context(UserAccounts Accounts, IAuditLog Audit, TextReader Input, TextWriter Output, TextWriter Error, CancellationToken CancellationToken);

    private static async Task<int> AddAsync(Context c, string name, string? roleText, bool fromStdin)
    {
        UserRole role;
        switch (roleText)
        {
            case null or "operator":
                role = UserRole.Operator;
                break;
            case "administrator":
                role = UserRole.Administrator;
                break;
            default:
                await c.Error.WriteLineAsync($"--role must be operator or administrator (got '{roleText}').").ConfigureAwait(false);
                return Usage;
        }

        var password = await PasswordAsync(c, fromStdin).ConfigureAwait(false);
        if (password is null)
        {
            return Usage;
        }

        try
        {
            if (!await c.Accounts.CreateAsync(name, role, password, c.CancellationToken).ConfigureAwait(false))
            {
                await c.Error.WriteLineAsync($"An account named '{name}' already exists (use reset-password to change its password).").ConfigureAwait(false);
                return Failed;
            }
        }
        catch (ArgumentException ex)
        {
            await c.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return Usage;
        }

        await AuditAsync(c, AuditActions.UserCreate, name, $"role {SessionClaims.RoleName(role)}").ConfigureAwait(false);
        await c.Output.WriteLineAsync($"Created account {name} (role {SessionClaims.RoleName(role)}).").ConfigureAwait(false);
        await PrintGeneratedAsync(c, password, fromStdin).ConfigureAwait(false);
        return Ok;
    }

    private static async Task<int> ListAsync(Context c)
    {
        var users = await c.Accounts.ListAsync(c.CancellationToken).ConfigureAwait(false);
        foreach (var user in users)
        {
            await c.Output.WriteLineAsync($"{user.Name}\trole={SessionClaims.RoleName(user.Role)}\t{(user.Disabled ? "disabled" : "enabled")}\tcreated={user.CreatedAt:O}\tlast-login={user.LastLoginAt?.ToString("O") ?? "never"}").ConfigureAwait(false);
        }

        await c.Output.WriteLineAsync($"{users.Count} account(s).").ConfigureAwait(false);
        return Ok;
    }

    private static async Task<int> SetDisabledAsync(Context c, string name, bool disabled)
    {
        if (await c.Accounts.SetDisabledAsync(name, disabled, c.CancellationToken).ConfigureAwait(false) is null)
        {
            await c.Error.WriteLineAsync($"No account named '{name}'.").ConfigureAwait(false);
            return Failed;
        }

        await AuditAsync(c, disabled ? AuditActions.UserDisable : AuditActions.UserEnable, name, null).ConfigureAwait(false);
        await c.Output.WriteLineAsync($"Account {name} {(disabled ? "disabled" : "enabled")}.").ConfigureAwait(false);
        return Ok;
    }

    private static async Task<int> ResetPasswordAsync(Context c, string name, bool fromStdin)
    {
        var password = await PasswordAsync(c, fromStdin).ConfigureAwait(false);
        if (password is null)
        {
            return Usage;
        }

        if (await c.Accounts.ResetPasswordAsync(name, password, c.CancellationToken).ConfigureAwait(false) is null)
        {
            await c.Error.WriteLineAsync($"No account named '{name}'.").ConfigureAwait(false);
            return Failed;
        }

        await AuditAsync(c, AuditActions.UserResetPassword, name, null).ConfigureAwait(false);
        await c.Output.WriteLineAsync($"New password set for {name}; its open sessions end.").ConfigureAwait(false);
        await PrintGeneratedAsync(c, password, fromStdin).ConfigureAwait(false);
        return Ok;
    }

    /// <summary>The password from standard input (checked), or a generated one; null after telling why it is refused.</summary>
    private static async Task<string?> PasswordAsync(Context c, bool fromStdin)
    {
        if (!fromStdin)
        {
            return Relay.Core.Devices.PasswordHasher.GeneratePassword();
        }

        var password = (await c.Input.ReadLineAsync(c.CancellationToken).ConfigureAwait(false))?.TrimEnd('\r', '\n');
        if (PasswordRules.Check(password) is { } problem)
        {
            await c.Error.WriteLineAsync($"The password read from standard input is refused: {problem}").ConfigureAwait(false);
            return null;
        }

        return password;
    }

    private static async Task PrintGeneratedAsync(Context c, string password, bool fromStdin)
    {
        if (!fromStdin)
        {
            await c.Output.WriteLineAsync("Password (shown only now; give it to its owner, who should change it):").ConfigureAwait(false);
            await c.Output.WriteLineAsync(password).ConfigureAwait(false);
        }
    }

    private static Task AuditAsync(Context c, string action, string name, string? detail) =>
        c.Audit.AppendAsync(new AuditEntry
        {
            At = TimeProvider.System.GetUtcNow(),
            Actor = $"cli:{Environment.UserName}",
            Action = action,
            Target = AuditActions.UserTarget(name),
            Detail = detail,
            RemoteAddress = "local",
            UserAgent = "relay users command",
        }, c.CancellationToken);

    private static async Task<int> UsageAsync(TextWriter error)
    {
        await error.WriteLineAsync(HelpText).ConfigureAwait(false);
        return Usage;
    }
}
