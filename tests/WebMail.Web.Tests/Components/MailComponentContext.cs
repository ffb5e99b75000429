using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WebMail.Mail.Configuration;
using WebMail.Mail.Credentials;
using WebMail.Mail.Html;
using WebMail.Mail.Sessions;
using WebMail.Testing;
using WebMail.Web.Mail;

namespace WebMail.Web.Tests.Components;

/// <summary>A bUnit context whose mail services talk to the real local Dovecot as <see cref="User"/>.</summary>
public abstract class MailComponentContext : WebMail.Web.Tests.Components.LocalizedBunitContext, IAsyncLifetime
{
    protected MailComponentContext(params string[] fixtures)
        : this(fixtures.Select(Corpus.File))
    {
    }

    /// <summary>Seeds exactly these corpus messages (any folder) into <see cref="User"/>'s mailbox.</summary>
    protected MailComponentContext(IEnumerable<CorpusMessage> messages)
    {
        Fixtures = [.. messages];
        JSInterop.Mode = JSRuntimeMode.Loose;
        AddAuthorization().SetAuthorized(User);
        Services.AddSingleton<IMailCredentialSource, TestPassword>();
        Services.AddSingleton(Options.Create(new ImapOptions { Host = MailStack.Host, Port = MailStack.ImapPort, Security = MailSecurity.None }));
        Services.AddSingleton(Options.Create(new MailSessionOptions()));
        Services.AddSingleton(NullLoggerFactory.Instance);
        Services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        Services.AddSingleton<ImapConnector>();
        Services.AddSingleton<ImapSessionPool>();
        Services.AddSingleton(Options.Create(new SmtpOptions { Host = MailStack.Host, Port = MailStack.SubmissionPort, Security = MailSecurity.None }));
        Services.AddSingleton<WebMail.Mail.Sending.SmtpSender>();
        Services.AddSingleton(Options.Create(Compose));
        Services.AddDbContextFactory<WebMail.Web.Data.WebMailDbContext>(db => db.UseSqlite($"Data Source={Path.Combine(Directory.CreateTempSubdirectory("webmail-bunit-").FullName, "webmail.db")}"));
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<WebMail.Web.Data.ContactStore>();
        Services.AddSingleton<WebMail.Web.Data.ContactCollector>();
        Services.AddSingleton(Options.Create(Reading));
        Services.AddSingleton<WebMail.Web.Data.IdentityStore>();
        Services.AddSingleton<WebMail.Web.Data.ListViewPreferenceStore>();
        Services.AddSingleton<WebMail.Web.Data.OrganizeSettingsStore>();
        Services.AddSingleton<WebMail.Web.Data.LabelStore>();
        Services.AddSingleton(TimeProvider.System);
        Services.AddScoped<WebMail.Web.Mail.ActionFeedback>();
        Services.AddSingleton(Options.Create(Identities));
        Services.AddSingleton<SenderPolicy>();
        Services.AddSingleton<MailHtmlSanitizer>();
        Services.AddMemoryCache();
        Services.AddSingleton<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider());
        Services.AddSingleton(Options.Create(new WebMail.Web.RemoteContent.RemoteContentOptions()));
        Services.AddSingleton<WebMail.Web.RemoteContent.RemoteContentUrls>();
        Services.AddSingleton<WebMail.Web.RemoteContent.RemoteContentSenders>();
        Services.AddSingleton<MessageFrameStore>();
        Services.AddSingleton(Options.Create(new WebMail.Web.Unsubscribe.UnsubscribeOptions()));
        Services.AddHttpClient();
        Services.AddSingleton<WebMail.Web.Unsubscribe.UnsubscribeLimiter>();
        Services.AddSingleton<WebMail.Web.Unsubscribe.OneClickUnsubscriber>();
        Services.AddScoped<WebMail.Web.Unsubscribe.UnsubscribeService>();
        Services.AddScoped<WebMail.Web.Unsubscribe.ReadReceiptService>();
        Services.AddSingleton<WebMail.Web.Account.SignInEvents>();
        Services.AddScoped<MailboxState>();
        Services.AddScoped<WebMail.Web.Components.BrowserInterop>();
        Services.AddScoped<WebMail.Web.Components.Layout.ThemeState>();
    }

    /// <summary>Components here render as they do in a live circuit (interactive), after all services are in.</summary>
    protected new IRenderedComponent<TComponent> Render<TComponent>(Action<ComponentParameterCollectionBuilder<TComponent>>? parameters = null)
        where TComponent : Microsoft.AspNetCore.Components.IComponent
    {
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        return base.Render(parameters);
    }

    protected string User { get; } = MailStack.NewUser("bunit");

    /// <summary>Reading settings; tests may change them before rendering.</summary>
    protected WebMail.Web.Mail.ReadingOptions Reading { get; } = new();

    /// <summary>Which addresses the user may send as; tests may change them before rendering.</summary>
    protected IdentityOptions Identities { get; } = new();

    /// <summary>Compose settings; tests may change them before rendering.</summary>
    protected WebMail.Web.Mail.ComposeOptions Compose { get; } = new();

    private CorpusMessage[] Fixtures { get; }

    public async Task InitializeAsync()
    {
        await using (var db = await Services.GetRequiredService<IDbContextFactory<WebMail.Web.Data.WebMailDbContext>>().CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
        }

        await Seeder.SeedAsync(User, MailStack.TestPassword, Fixtures);
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    private sealed class TestPassword : IMailCredentialSource
    {
        public ValueTask<MailCredential?> GetCredentialAsync(string userName, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<MailCredential?>(new PasswordCredential(userName, MailStack.TestPassword));
    }
}
