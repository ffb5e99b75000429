using Microsoft.Extensions.Options;
using WebMail.Mail.Configuration;
using WebMail.Mail.Sieve;

namespace WebMail.Web.Mail;

/// <summary>Filters and vacation reply over ManageSieve: <c>WebMail:Sieve</c>, host and certificate defaulting to the IMAP server's.</summary>
public static class SieveSetup
{
    public static WebApplicationBuilder AddWebMailSieve(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SieveOptions>().BindConfiguration(SieveOptions.SectionName)
            .PostConfigure<IOptions<ImapOptions>>((sieve, imap) =>
            {
                if (string.IsNullOrWhiteSpace(sieve.Host))
                {
                    sieve.Host = imap.Value.Host;
                    sieve.TrustedCertificatePath ??= imap.Value.TrustedCertificatePath;
                }
            })
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SieveOptions>, SieveOptionsValidator>();
        builder.Services.AddSingleton<SieveFilters>();
        return builder;
    }

    /// <summary>When filters are on, the server settings are checked like IMAP's, naming the setting.</summary>
    private sealed class SieveOptionsValidator : IValidateOptions<SieveOptions>
    {
        private readonly MailServerOptionsValidator<SieveOptions> _server = new(SieveOptions.SectionName, "ManageSieve");

        public ValidateOptionsResult Validate(string? name, SieveOptions options)
        {
            if (!options.Enabled)
            {
                return ValidateOptionsResult.Success;
            }

            if (string.IsNullOrWhiteSpace(options.ScriptName) || options.ScriptName.Length > 100 || options.ScriptName.Any(char.IsControl))
            {
                return ValidateOptionsResult.Fail($"{SieveOptions.SectionName}:ScriptName must be a name of 1 to 100 characters without control characters.");
            }

            return _server.Validate(name, options);
        }
    }
}
