using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WebMail.Mail.Sieve;
using WebMail.Web.Components.Pages;

namespace WebMail.Web.Tests.Sieve;

/// <summary>What the rule form refuses before saving, and what happens when the server refuses the script.</summary>
public sealed partial class SieveSettingsTests
{
    [Fact]
    public async Task WrongFields_SentenceNextToEach_NothingSavedUntilCorrected()
    {
        var page = OpenNewRule("Checks");
        page.Find("input[aria-label='Condition 1: value']").Change("  ");
        page.Find("button:contains('Add a condition')").Click();
        page.Find("select[aria-label='Condition 2: what to look at']").Change(nameof(RuleField.Size));
        page.Find("input[aria-label='Condition 2: value']").Change("lots");
        page.Find("select[aria-label='Action 1: what to do']").Change(nameof(RuleActionKind.Forward));
        page.Find("input[aria-label='Action 1: Address']").Change("someone at example");
        page.Find("button:contains('Add an action')").Click();
        page.Find("select[aria-label='Action 2: what to do']").Change(nameof(RuleActionKind.Label));
        page.Find("form[aria-label='Filter rule']").Submit();

        page.WaitForAssertion(() => Assert.Equal("Nothing was saved: correct the marked fields.", page.Find(".settings > [role=alert]").TextContent));
        Assert.Equal("Write what to look for.", Described(page, "input[aria-label='Condition 1: value']"));
        Assert.Equal("Write a size such as 500 (kilobytes), 500K or 10 MB.", Described(page, "input[aria-label='Condition 2: value']"));
        Assert.Equal("“someone at example” is not an email address.", Described(page, "input[aria-label='Action 1: Address']"));
        Assert.Equal("Choose a label.", Described(page, "select[aria-label='Action 2: label']"));
        Assert.Empty((await LoadAsync()).Filters!.Rules);

        // Corrected as typed: sizes with a unit are fine.
        page.Find("input[aria-label='Condition 1: value']").Change("boss@");
        page.Find("input[aria-label='Condition 2: value']").Change("10 MB");
        page.Find("input[aria-label='Action 1: Address']").Change("me@elsewhere.test");
        page.Find("button[aria-label='Remove action 2']").Click();
        page.Find("form[aria-label='Filter rule']").Submit();

        page.WaitForAssertion(() => Assert.Equal("Rule “Checks” saved.", page.Find("[role=status]").TextContent), TimeSpan.FromSeconds(10));
        Assert.Empty(page.FindAll("[aria-invalid=true]"));
        var state = await LoadAsync();
        Assert.Equal(new RuleAction(RuleActionKind.Forward, "me@elsewhere.test"), Assert.Single(Assert.Single(state.Filters!.Rules).Actions));
        Assert.Contains("size :over 10240K", state.Script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerRefusesTheScript_FormKeptAsTypedWithTheServersWords()
    {
        var page = OpenNewRule("Too big");
        var huge = new string('x', 1100 * 1024);
        page.Find("input[aria-label='Condition 1: value']").Change(huge);
        page.Find("select[aria-label='Action 1: Folder']").Change("INBOX");
        page.Find("form[aria-label='Filter rule']").Submit();

        page.WaitForAssertion(() => Assert.StartsWith("The filter server refused this: ", page.Find(".settings > [role=alert]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(15));
        var refusal = await Assert.ThrowsAsync<SieveCommandException>(() => Services.GetRequiredService<SieveFilters>().SaveAsync(User, new FilterSet(
            [new SieveRule("Too big", true, true, [new RuleCondition(RuleField.From, RuleMatch.Contains, huge)], [new RuleAction(RuleActionKind.MoveTo, "INBOX")])], VacationSettings.Off)));
        Assert.Equal($"The filter server refused this: {refusal.ServerMessage}", page.Find(".settings > [role=alert]").TextContent);
        Assert.Empty((await LoadAsync()).Filters!.Rules);
        Assert.Equal("Too big", page.Find("#rule-name").GetAttribute("value"));
        Assert.Equal(huge, page.Find("input[aria-label='Condition 1: value']").GetAttribute("value"));
        Assert.Equal("INBOX", page.Find("select[aria-label='Action 1: Folder']").GetAttribute("value"));
    }

    private IRenderedComponent<FiltersPage> OpenNewRule(string name)
    {
        var page = Render<FiltersPage>();
        page.WaitForAssertion(() => page.Find("button:contains('Add a rule')"), TimeSpan.FromSeconds(10));
        page.Find("button:contains('Add a rule')").Click();

        // The form opens, with the user's folders to choose from once they are read.
        page.WaitForAssertion(() => page.Find("select[aria-label='Action 1: Folder']"), TimeSpan.FromSeconds(10));
        page.Find("#rule-name").Change(name);
        return page;
    }

    /// <summary>The sentence the field points to with aria-describedby (and it is marked invalid).</summary>
    private static string Described(IRenderedComponent<FiltersPage> page, string field)
    {
        var input = page.Find(field);
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        return page.Find($"#{input.GetAttribute("aria-describedby")}").TextContent;
    }

    private Task<FilterState> LoadAsync() => Services.GetRequiredService<SieveFilters>().LoadAsync(User);
}
