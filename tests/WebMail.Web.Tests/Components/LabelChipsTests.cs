using System.Text.RegularExpressions;
using Bunit;
using WebMail.Web.Components.Mail;
using WebMail.Web.Data;

namespace WebMail.Web.Tests.Components;

public sealed partial class LabelChipsTests : WebMail.Web.Tests.Components.LocalizedBunitContext
{
    private static readonly LabelSet Labels = new(
        [.. LabelRules.Thunderbird, new LabelDefinition("Clients", "Clients", "#ffff00"), new LabelDefinition("$wm_0a1b2c3d4e", "Café", "#000080")]);

    [Fact]
    public void Render_KnownLabels_NamesInTheUsersOrderWithTextReadableOnTheirColour()
    {
        var cut = Render<LabelChips>(p => p.Add(c => c.Keywords, ["$wm_0a1b2c3d4e", "Clients", "$label1", "$label4"]).Add(c => c.Labels, Labels));

        var chips = cut.FindAll(".label-chip");
        Assert.Equal(["label Important", "label To Do", "label Clients", "label Café"], chips.Select(c => c.TextContent));
        foreach (var chip in chips)
        {
            var (background, text) = Colours(chip.GetAttribute("style")!);
            Assert.True(LabelRules.Contrast(background, text) >= 4.5, $"{chip.TextContent}: {text} on {background} is below WCAG AA");
        }

        Assert.Equal(("#ffff00", "#000000"), Colours(chips[2].GetAttribute("style")!));
        Assert.Equal(("#000080", "#ffffff"), Colours(chips[3].GetAttribute("style")!));
    }

    [Fact]
    public void Render_SystemKeywordsAndFlags_NothingRendered()
    {
        var cut = Render<LabelChips>(p => p
            .Add(c => c.Keywords, ["$Junk", "$NotJunk", "Junk", "NonJunk", "$Forwarded", "$MDNSent", "$Phishing", "$SubmitPending", "$Submitted", "\\Seen", "\\Flagged", "$junk"])
            .Add(c => c.Labels, Labels));

        Assert.Empty(cut.Markup.Trim());
    }

    [Fact]
    public void Render_UnknownKeyword_ShownByItsOwnNameInTheNeutralColourAfterKnownOnes()
    {
        var cut = Render<LabelChips>(p => p.Add(c => c.Keywords, ["ProjectX", "$Forwarded", "$label3", "projectx"]).Add(c => c.Labels, Labels));

        var chips = cut.FindAll(".label-chip");
        Assert.Equal(["label Personal", "label ProjectX"], chips.Select(c => c.TextContent));
        Assert.Equal((LabelRules.NeutralColour, "#000000"), Colours(chips[1].GetAttribute("style")!));
    }

    [Fact]
    public void Render_NoKeywords_NothingRendered()
    {
        var cut = Render<LabelChips>(p => p.Add(c => c.Keywords, []).Add(c => c.Labels, Labels));

        Assert.Empty(cut.Markup.Trim());
    }

    private static (string Background, string Text) Colours(string style)
    {
        var match = StyleColours().Match(style);
        Assert.True(match.Success, style);
        return (match.Groups[1].Value, match.Groups[2].Value);
    }

    [GeneratedRegex("background-color: (#[0-9a-f]{6}); color: (#[0-9a-f]{6})")]
    private static partial Regex StyleColours();
}
