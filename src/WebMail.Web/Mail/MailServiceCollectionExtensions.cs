using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WebMail.Mail;
using WebMail.Mail.Configuration;
using WebMail.Mail.Html;
using WebMail.Mail.Sending;
using WebMail.Mail.Sessions;

namespace WebMail.Web.Mail;

/// <summary>Wires the mail side: options, the per-user session pool, the sanitizer, per-circuit mailbox state.</summary>
public static class MailServiceCollectionExtensions
{
    public static WebApplicationBuilder AddWebMailMail(this WebApplicationBuilder builder)
    {
        MailEncodings.Register();
        builder.Services.AddOptions<ImapOptions>().BindConfiguration(ImapOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ImapOptions>>(new MailServerOptionsValidator<ImapOptions>(ImapOptions.SectionName, "IMAP"));
        builder.Services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SmtpOptions>>(new MailServerOptionsValidator<SmtpOptions>(SmtpOptions.SectionName, "SMTP"));
        builder.Services.AddOptions<MailSessionOptions>().BindConfiguration(MailSessionOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddOptions<FolderOptions>().BindConfiguration(FolderOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ReadingOptions>().BindConfiguration(ReadingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ComposeOptions>().BindConfiguration(ComposeOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ImapConnector>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ImapSessionPool>();
        builder.Services.AddSingleton<SmtpSender>();
        builder.Services.AddSingleton<MailHtmlSanitizer>();
        builder.Services.AddOptions<FrameOptions>().BindConfiguration(FrameOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<MessageFrameStore>();
        builder.Services.AddScoped<MailboxState>();
        builder.Services.AddScoped<ActionFeedback>();
        builder.Services.AddMemoryCache();
        return builder;
    }
}
