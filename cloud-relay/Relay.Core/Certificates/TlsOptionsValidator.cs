using Microsoft.Extensions.Options;

namespace Relay.Core.Certificates;

public sealed class TlsOptionsValidator : IValidateOptions<TlsOptions>
{
    public ValidateOptionsResult Validate(string? name, TlsOptions options)
    {
        const string s = TlsOptions.Section;
        var problems = new List<string>();
        foreach (var serverName in options.ServerNames)
        {
            if (!ServerNames.IsValid(serverName))
            {
                problems.Add($"{s}:ServerNames: '{serverName}' is neither a DNS name nor an IP address.");
            }
        }

        if (options.CaCertificateFile is null != options.CaKeyFile is null)
        {
            problems.Add($"{s}:CaCertificateFile and {s}:CaKeyFile go together: the relay signs with the CA's key.");
        }

        if (options.ServerCertificateFile is null != options.ServerKeyFile is null)
        {
            problems.Add($"{s}:ServerCertificateFile and {s}:ServerKeyFile go together.");
        }

        foreach (var (key, file) in new[]
                 {
                     ("CaCertificateFile", options.CaCertificateFile), ("CaKeyFile", options.CaKeyFile),
                     ("ServerCertificateFile", options.ServerCertificateFile), ("ServerKeyFile", options.ServerKeyFile),
                 })
        {
            if (file is not null && !File.Exists(file))
            {
                problems.Add($"{s}:{key}: no file '{file}'.");
            }
        }

        if (options.DeviceCertificateValidity < TimeSpan.FromDays(1) || options.DeviceCertificateValidity > options.CaValidity)
        {
            problems.Add($"{s}:DeviceCertificateValidity must be at least 1 day and at most the CA's validity.");
        }

        if (options.ServerCertificateValidity < TimeSpan.FromDays(2) || options.ServerCertificateRenewal <= TimeSpan.Zero ||
            options.ServerCertificateRenewal >= options.ServerCertificateValidity)
        {
            problems.Add($"{s}:ServerCertificateValidity must be at least 2 days, and ServerCertificateRenewal positive and shorter than it.");
        }

        if (options.CaValidity < TimeSpan.FromDays(365))
        {
            problems.Add($"{s}:CaValidity must be at least 365 days: replacing the CA means enrolling every box again.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
