using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WebMail.Web.Components;
using WebMail.Web.Components.Mail;

namespace WebMail.Web.Tests.Components;

/// <summary>The shortcuts component: what the browser's keys (its [JSInvokable]) raise, and the help they open.</summary>
public sealed class KeyboardShortcutsTests : WebMail.Web.Tests.Components.LocalizedBunitContext, IAsyncLifetime
{
    private readonly BunitJSModuleInterop _module;
    private readonly List<ShortcutInvocation> _raised = [];

    public KeyboardShortcutsTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddScoped<BrowserInterop>();
        _module = JSInterop.SetupModule("./js/webmail.js");
        _module.Mode = JSRuntimeMode.Loose;
        _module.Setup<int>("attachShortcuts", _ => true).SetResult(7);
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // BrowserInterop is only IAsyncDisposable: the container is disposed asynchronously.
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    private IRenderedComponent<KeyboardShortcuts> RenderShortcuts(bool enabled) =>
        Render<KeyboardShortcuts>(p => p.Add(c => c.Enabled, enabled).Add(c => c.OnCommand, (ShortcutInvocation i) => _raised.Add(i)));

    [Fact]
    public void Render_GivesTheBrowserTheWholeTableAndWhetherItIsOn()
    {
        RenderShortcuts(enabled: true);

        var attach = _module.VerifyInvoke("attachShortcuts");
        Assert.Equal(ShortcutMap.ForBrowser(), attach.Arguments[1]);
        Assert.Equal(true, attach.Arguments[2]);
    }

    [Theory]
    [InlineData("Archive", ShortcutCommand.Archive)]
    [InlineData("Delete", ShortcutCommand.Delete)]
    [InlineData("MarkUnread", ShortcutCommand.MarkUnread)]
    [InlineData("GoDrafts", ShortcutCommand.GoDrafts)]
    public async Task OnShortcut_FromTheBrowser_RaisesTheCommandWithTheFocusedRow(string name, ShortcutCommand command)
    {
        var cut = RenderShortcuts(enabled: true);

        await cut.InvokeAsync(() => cut.Instance.OnShortcut(name, "mail/SU5CT1g/SU5CT1g.1.42"));

        Assert.Equal([new ShortcutInvocation(command, "mail/SU5CT1g/SU5CT1g.1.42")], _raised);
    }

    [Fact]
    public async Task OnShortcut_Disabled_RaisesNothingAndOpensNoHelp()
    {
        var cut = RenderShortcuts(enabled: false);

        await cut.InvokeAsync(() => cut.Instance.OnShortcut("Reply", null));
        await cut.InvokeAsync(() => cut.Instance.OnShortcut("Help", null));

        Assert.Empty(_raised);
        Assert.Empty(cut.FindAll("[role=dialog]"));
        Assert.Equal(false, _module.VerifyInvoke("attachShortcuts").Arguments[2]);
    }

    [Theory]
    [InlineData("Next")] // done in the browser, never a command
    [InlineData("Search")]
    [InlineData("5")] // an enum value by number is not a name
    [InlineData("archive")]
    [InlineData("Nonsense")]
    public async Task OnShortcut_NotACommandOfTheTable_RaisesNothing(string name)
    {
        var cut = RenderShortcuts(enabled: true);

        await cut.InvokeAsync(() => cut.Instance.OnShortcut(name, null));

        Assert.Empty(_raised);
    }

    [Fact]
    public async Task OnShortcut_HelpThenEscape_DialogOpensThenClosesAndTheFocusGoesBack()
    {
        var cut = RenderShortcuts(enabled: true);

        await cut.InvokeAsync(() => cut.Instance.OnShortcut("Help", null));
        var dialog = cut.Find("[role=dialog][aria-modal=true]");
        Assert.Equal(ShortcutMap.All.GroupBy(s => (s.Group, s.Command)).Count(), cut.FindAll(".shortcut").Count);
        Assert.Empty(_raised);

        dialog.KeyDown("Escape");

        Assert.Empty(cut.FindAll("[role=dialog]"));
        cut.WaitForAssertion(() => Assert.Equal(7, _module.VerifyInvoke("restoreShortcutFocus").Arguments[0]));
    }

    [Fact]
    public async Task OnShortcut_HelpTwice_SecondCloses()
    {
        var cut = RenderShortcuts(enabled: true);

        await cut.InvokeAsync(() => cut.Instance.OnShortcut("Help", null));
        await cut.InvokeAsync(() => cut.Instance.OnShortcut("Help", null));

        Assert.Empty(cut.FindAll("[role=dialog]"));
    }

    [Fact]
    public async Task Enabled_SwitchedOff_TheBrowserIsToldAndTheHelpCloses()
    {
        var cut = RenderShortcuts(enabled: true);
        await cut.InvokeAsync(() => cut.Instance.OnShortcut("Help", null));

        cut.Render(p => p.Add(c => c.Enabled, false));

        Assert.Empty(cut.FindAll("[role=dialog]"));
        cut.WaitForAssertion(() => Assert.Equal(false, _module.VerifyInvoke("setShortcutsEnabled").Arguments[1]));
    }

    [Fact]
    public async Task Enabled_SwitchedOnWhileTheScriptLoads_TheBrowserIsToldOnceItIsIn()
    {
        // The page starts with the shortcuts off until the user's setting is read, which may be before the script is in.
        var attach = _module.Setup<int>("attachShortcuts", i => Equals(i.Arguments[2], false));
        var cut = RenderShortcuts(enabled: false);
        cut.Render(p => p.Add(c => c.Enabled, true));
        Assert.DoesNotContain(_module.Invocations, i => i.Identifier == "setShortcutsEnabled");

        await cut.InvokeAsync(() => attach.SetResult(7));

        cut.WaitForAssertion(() => Assert.Equal([7, true], _module.VerifyInvoke("setShortcutsEnabled").Arguments));
    }
}
