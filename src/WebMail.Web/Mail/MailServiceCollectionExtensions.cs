using WebMail.Mail;
using WebMail.Mail.Configuration;
using WebMail.Mail.Credentials;
using WebMail.Mail.Html;
using WebMail.Mail.Sessions;
using WebMail.Web.Account;

namespace WebMail.Web.Mail;

/// <summary>Wires the mail side: options, the per-user session pool, the sanitizer, per-circuit mailbox state.</summary>
public static class MailServiceCollectionExtensions
{
    public static WebApplicationBuilder AddWebMailMail(this WebApplicationBuilder builder)
    {
        MailEncodings.Register();
        builder.Services.AddOptions<ImapOptions>().BindConfiguration(ImapOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => string.IsNullOrWhiteSpace(o.TrustedCertificatePath) || File.Exists(o.TrustedCertificatePath),
                "WebMail:Imap:TrustedCertificatePath points to a file that does not exist.")
            .Validate(o => string.IsNullOrWhiteSpace(o.TrustedCertificatePath) || !File.Exists(o.TrustedCertificatePath) || IsPemCertificate(o.TrustedCertificatePath),
                "WebMail:Imap:TrustedCertificatePath must be a PEM certificate (-----BEGIN CERTIFICATE-----).")
            .ValidateOnStart();
        builder.Services.AddOptions<MailSessionOptions>().BindConfiguration(MailSessionOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddSingleton<ImapConnector>();
        builder.Services.AddSingleton<ImapSessionPool>();
        builder.Services.AddSingleton<MailHtmlSanitizer>();
        builder.Services.AddSingleton<ServerCredentialStore>();
        builder.Services.AddSingleton<IMailCredentialSource>(sp => sp.GetRequiredService<ServerCredentialStore>());
        builder.Services.AddSingleton<MessageFrameStore>();
        builder.Services.AddScoped<MailboxState>();
        builder.Services.AddMemoryCache();
        return builder;
    }

    private static bool IsPemCertificate(string path)
    {
        try
        {
            using var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(path));
            return true;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }
}
