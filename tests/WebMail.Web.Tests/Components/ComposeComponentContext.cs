using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using WebMail.Web.Mail;

namespace WebMail.Web.Tests.Components;

/// <summary>A <see cref="MailComponentContext"/> ready for the compose page: its drafts, registry, an antiforgery token and the browser module.</summary>
public abstract class ComposeComponentContext : MailComponentContext
{
    protected ComposeComponentContext(params string[] fixtures)
        : base(fixtures)
    {
        Services.AddSingleton<ComposeDrafts>();
        Services.AddSingleton<ComposeRegistry>();
        Services.AddSingleton<AntiforgeryStateProvider, FixedAntiforgery>();
        Module = JSInterop.SetupModule("./js/webmail.js");
        Module.Mode = JSRuntimeMode.Loose;
    }

    /// <summary>The app's browser module (wwwroot/js/webmail.js), answering what tests set up.</summary>
    protected BunitJSModuleInterop Module { get; }

    /// <summary>What the page last handed the editor to start with (text, caret, rich or plain), if it did.</summary>
    protected ComposerInit? EditorStart() =>
        Module.Invocations["initComposer"].Select(i => i.Arguments[2]).OfType<ComposerInit>().LastOrDefault();

    private sealed class FixedAntiforgery : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken? GetAntiforgeryToken() => new("test-token", "__RequestVerificationToken");
    }
}
