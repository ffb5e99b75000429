using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using WebMail.Web.Account;
using WebMail.Web.Components.Layout;

namespace WebMail.Web.Tests.Account;

/// <summary>The notice every page carries: it follows the tab's own sign-in, appears while its provider is unreachable, and clears.</summary>
public sealed class SignInNoticeTests : WebMail.Web.Tests.Components.LocalizedBunitContext
{
    private readonly SignInHealth _health = new(TimeProvider.System, NullLogger<SignInHealth>.Instance);

    public SignInNoticeTests()
    {
        Services.AddSingleton(_health);
        AddAuthorization().SetAuthorized("ann@test.example").SetClaims(new Claim(AccountExtensions.SessionIdClaim, "sid-ann"));
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public async Task ProviderUnreachable_ThisSignInOnly_NoticeShownThenClearedOnSuccess()
    {
        var notice = Render<SignInNotice>();
        Assert.Empty(notice.FindAll("[role=status] p"));

        await _health.ReportUnreachableAsync("sid-bob");
        Assert.Empty(notice.FindAll("[role=status] p"));

        await _health.ReportUnreachableAsync("sid-ann");
        notice.WaitForAssertion(() => Assert.Equal(SignInHealth.ProviderUnreachableSentence, notice.Find("[role=status] p").TextContent));

        await _health.ReportHealthyAsync("sid-ann");
        notice.WaitForAssertion(() => Assert.Empty(notice.FindAll("[role=status] p")));
    }
}
