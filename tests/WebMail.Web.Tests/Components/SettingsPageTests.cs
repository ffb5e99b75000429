using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using WebMail.Testing;
using WebMail.Web.Components;
using WebMail.Web.Components.Pages;
using WebMail.Web.Data;
using WebMail.Web.RemoteContent;

namespace WebMail.Web.Tests.Components;

/// <summary>The one settings page over a real SQLite settings database: every control saves, wrong values are refused, two renders stand for two tabs.</summary>
public sealed class SettingsPageTests : LocalizedBunitContext, IAsyncLifetime
{
    private readonly string _user = MailStack.NewUser("settings-page");
    private readonly BunitJSModuleInterop _browser;

    public SettingsPageTests()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("webmail-settings-page-").FullName, "webmail.db");
        Services.AddDbContextFactory<WebMailDbContext>(db => db.UseSqlite($"Data Source={file}"));
        Services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<OrganizeSettingsStore>();
        Services.AddSingleton<ListViewPreferenceStore>();
        Services.AddSingleton<RemoteContentSenders>();
        Services.AddScoped<BrowserInterop>();
        _browser = JSInterop.SetupModule("./js/webmail.js");
        AddAuthorization().SetAuthorized(_user);
        using var db = Services.GetRequiredService<IDbContextFactory<WebMailDbContext>>().CreateDbContext();
        db.Database.Migrate();
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    private OrganizeSettingsStore Store => Services.GetRequiredService<OrganizeSettingsStore>();

    public static TheoryData<string, string?, OrganizeSettings> Controls => new()
    {
        { "#setting-theme-Dark", null, OrganizeSettings.Default with { Theme = ThemeChoice.Dark } },
        { "#setting-density-Compact", null, OrganizeSettings.Default with { Density = ListDensity.Compact } },
        { "#setting-pane-Bottom", null, OrganizeSettings.Default with { ReadingPane = ReadingPaneLayout.Bottom } },
        { "#setting-pane-Off", null, OrganizeSettings.Default with { ReadingPane = ReadingPaneLayout.Off } },
        { "#setting-language", "de", OrganizeSettings.Default with { Language = "de" } },
        { "#setting-time-zone", " europe/berlin ", OrganizeSettings.Default with { TimeZone = "Europe/Berlin" } },
        { "#setting-mark-read-Never", null, OrganizeSettings.Default with { MarkAsRead = MarkAsReadMode.Never } },
        { "#setting-mark-read-seconds", "7", OrganizeSettings.Default with { MarkAsRead = MarkAsReadMode.AfterDelay, MarkAsReadDelaySeconds = 7 } },
        { "#setting-after-List", null, OrganizeSettings.Default with { AfterMove = AfterMoveAction.List } },
        { "#setting-archive-year", null, OrganizeSettings.Default with { ArchivePerYear = true } },
        { "#setting-never-receipts", null, OrganizeSettings.Default with { NeverAskReadReceipts = true } },
        { "#setting-shortcuts", "off", OrganizeSettings.Default with { KeyboardShortcuts = false } },
        { "#setting-format-Html", null, OrganizeSettings.Default with { ComposeFormat = ComposeFormat.Html } },
        { "#setting-reply-BelowQuote", null, OrganizeSettings.Default with { ReplyPosition = ReplyPosition.BelowQuote } },
        { "#setting-signature-BelowQuote", null, OrganizeSettings.Default with { SignaturePlacement = SignaturePlacement.BelowQuote } },
    };

    [Theory]
    [MemberData(nameof(Controls))]
    public async Task Control_Changed_SavedAndSaidSo(string selector, string? value, OrganizeSettings expected)
    {
        var cut = Render<SettingsPage>();
        var control = cut.WaitForElement(selector);

        control.Change(new ChangeEventArgs { Value = value switch { null => true, "off" => false, _ => (object)value } });

        cut.WaitForAssertion(() => Assert.Equal("Saved", cut.Find("[role=status]").TextContent));
        Assert.Equal(expected, await Store.GetOrganizeSettingsAsync(_user));
        Assert.Empty(cut.Find("[role=alert]").TextContent);
    }

    [Theory]
    [InlineData("#setting-time-zone", "Mars/Olympus_Mons", "\"Mars/Olympus_Mons\" is not a time zone this server knows.")]
    [InlineData("#setting-mark-read-seconds", "0", "Enter a whole number of seconds from 1 to 600.")]
    [InlineData("#setting-mark-read-seconds", "601", "Enter a whole number of seconds from 1 to 600.")]
    [InlineData("#setting-mark-read-seconds", "2.5", "Enter a whole number of seconds from 1 to 600.")]
    [InlineData("#setting-language", "xx", "Choose one of the languages in the list.")]
    public async Task Control_InvalidValue_RefusedNothingSaved(string selector, string value, string said)
    {
        var cut = Render<SettingsPage>();
        cut.WaitForElement(selector).Change(value);

        cut.WaitForAssertion(() => Assert.StartsWith(said, cut.Find("[role=alert]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.Find("[role=status]").TextContent);
        Assert.Equal(OrganizeSettings.Default, await Store.GetOrganizeSettingsAsync(_user));
    }

    [Fact]
    public async Task ConversationView_Checked_SavedAsTheListViewDefault()
    {
        var cut = Render<SettingsPage>();
        cut.WaitForElement("#setting-conversations").Change(true);

        cut.WaitForAssertion(() => Assert.Equal("Saved", cut.Find("[role=status]").TextContent));
        Assert.True(await Services.GetRequiredService<ListViewPreferenceStore>().ConversationsAsync(_user));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Notifications_TurnedOn_SavedOnlyIfTheBrowserAllows(bool allowed)
    {
        _browser.Setup<bool>("requestNotifications").SetResult(allowed);
        var cut = Render<SettingsPage>();

        cut.WaitForElement("#setting-notifications").Change(true);

        if (allowed)
        {
            cut.WaitForAssertion(() => Assert.Equal("Saved", cut.Find("[role=status]").TextContent));
        }
        else
        {
            cut.WaitForAssertion(() => Assert.StartsWith("Desktop notifications stay off", cut.Find("[role=alert]").TextContent, StringComparison.Ordinal));
            Assert.False(cut.Find("#setting-notifications").HasAttribute("checked"));
        }

        Assert.Equal(allowed, (await Store.GetOrganizeSettingsAsync(_user)).DesktopNotifications);
    }

    [Fact]
    public async Task TrustedSenders_Listed_RemoveOneForgetsOnlyIt()
    {
        var senders = Services.GetRequiredService<RemoteContentSenders>();
        await senders.TrustAsync(_user, "news@shop.example");
        await senders.TrustAsync(_user, "Friend@Example.org");
        await senders.TrustAsync(MailStack.NewUser("other"), "spam@elsewhere.example");

        var cut = Render<SettingsPage>();
        cut.WaitForAssertion(() => Assert.Equal(["friend@example.org", "news@shop.example"], cut.FindAll("[aria-label='Trusted senders'] li span").Select(s => s.TextContent)));

        cut.Find("button[aria-label='Remove news@shop.example']").Click();

        cut.WaitForAssertion(() => Assert.Equal(["friend@example.org"], cut.FindAll("[aria-label='Trusted senders'] li span").Select(s => s.TextContent)));
        Assert.StartsWith("news@shop.example removed", cut.Find("[role=status]").TextContent, StringComparison.Ordinal);
        Assert.False(await senders.IsTrustedAsync(_user, "news@shop.example"));
        Assert.True(await senders.IsTrustedAsync(_user, "friend@example.org"));
    }

    [Fact]
    public void Settings_ChangedInOneTab_ShownInTheOther()
    {
        var first = Render<SettingsPage>();
        var second = Render<SettingsPage>();
        first.WaitForElement("#setting-after-Previous");
        second.WaitForElement("#setting-after-Previous");

        first.Find("#setting-after-Previous").Change(true);
        first.WaitForAssertion(() => Assert.Equal("Saved", first.Find("[role=status]").TextContent));
        first.Find("#setting-pane-Bottom").Change(true);
        first.Find("#setting-conversations").Change(true);

        second.WaitForAssertion(() =>
        {
            Assert.True(second.Find("#setting-after-Previous").HasAttribute("checked"));
            Assert.False(second.Find("#setting-after-Next").HasAttribute("checked"));
            Assert.True(second.Find("#setting-pane-Bottom").HasAttribute("checked"));
            Assert.True(second.Find("#setting-conversations").HasAttribute("checked"));
            Assert.True(second.Find("#setting-shortcuts").HasAttribute("checked"));
        });
    }

    [Fact]
    public void Links_EveryOtherSettingsPage()
    {
        var cut = Render<SettingsPage>();
        cut.WaitForElement(".settings-links");

        Assert.Equal(["settings/identities", "settings/address-book", "settings/labels", "settings/devices", "settings/filters", "settings/vacation"],
            cut.FindAll(".settings-links a").Select(a => a.GetAttribute("href")));
    }
}
