using Microsoft.Extensions.Options;
using Relay.Core.Accounts;
using Relay.Core.Audit;
using Relay.Web.Audit;

namespace Relay.Web.Accounts;

/// <summary>
/// Creates the first administrator from <c>Relay:Admin</c> at start if no account of that name exists; an existing
/// account is left alone. Without the setting, and without any administrator, says in the log how to create one.
/// </summary>
internal sealed partial class AdministratorBootstrap(
    IOptions<AdminOptions> options,
    UserAccounts accounts,
    AuditTrail audit,
    ILogger<AdministratorBootstrap> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var admin = options.Value;
        if (string.IsNullOrEmpty(admin.User))
        {
            var users = await accounts.ListAsync(cancellationToken).ConfigureAwait(false);
            if (!users.Any(u => u.Role == UserRole.Administrator && !u.Disabled))
            {
                LogNoAdministrator(logger);
            }

            return;
        }

        if (await accounts.FindAsync(admin.User, cancellationToken).ConfigureAwait(false) is not null)
        {
            LogExists(logger, admin.User);
            return;
        }

        var password = admin.Password ?? await ReadPasswordFileAsync(admin.PasswordFile!, cancellationToken).ConfigureAwait(false);
        if (PasswordRules.Check(password) is { } problem)
        {
            throw new OptionsValidationException(AdminOptions.Section, typeof(AdminOptions), [$"{AdminOptions.Section}:PasswordFile: {problem}"]);
        }

        await accounts.CreateAsync(admin.User, UserRole.Administrator, password, cancellationToken).ConfigureAwait(false);
        await audit.RecordSystemAsync(AuditActions.UserCreate, AuditActions.UserTarget(admin.User), $"role administrator, from {AdminOptions.Section} at start", cancellationToken).ConfigureAwait(false);
        LogCreated(logger, admin.User);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task<string> ReadPasswordFileAsync(string path, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path);
        return (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false))?.TrimEnd('\r', '\n') ?? "";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Administrator account {User} created from Relay:Admin; change its password from the dashboard")]
    private static partial void LogCreated(ILogger logger, string user);

    [LoggerMessage(Level = LogLevel.Information, Message = "Relay:Admin names {User}, which already exists: left unchanged")]
    private static partial void LogExists(ILogger logger, string user);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No administrator account: nobody can sign in to the dashboard. Create one with 'users add NAME --role administrator' (relay stopped) or set Relay:Admin:User and Relay:Admin:PasswordFile")]
    private static partial void LogNoAdministrator(ILogger logger);
}
