using Bunit;
using WebMail.Web.Components.Mail;

namespace WebMail.Web.Tests.Components;

/// <summary>The one table of shortcuts: Gmail's keys from issue 11, each once, and the help lists every one.</summary>
public sealed class ShortcutMapTests : WebMail.Web.Tests.Components.LocalizedBunitContext
{
    [Theory]
    [InlineData("j", ShortcutCommand.Next)]
    [InlineData("k", ShortcutCommand.Previous)]
    [InlineData("o", ShortcutCommand.Open)]
    [InlineData("Enter", ShortcutCommand.Open)]
    [InlineData("u", ShortcutCommand.BackToList)]
    [InlineData("r", ShortcutCommand.Reply)]
    [InlineData("a", ShortcutCommand.ReplyAll)]
    [InlineData("f", ShortcutCommand.Forward)]
    [InlineData("c", ShortcutCommand.Compose)]
    [InlineData("e", ShortcutCommand.Archive)]
    [InlineData("#", ShortcutCommand.Delete)]
    [InlineData("Delete", ShortcutCommand.Delete)]
    [InlineData("s", ShortcutCommand.Star)]
    [InlineData("x", ShortcutCommand.Select)]
    [InlineData("I", ShortcutCommand.MarkRead)]
    [InlineData("U", ShortcutCommand.MarkUnread)]
    [InlineData("l", ShortcutCommand.Label)]
    [InlineData("v", ShortcutCommand.Move)]
    [InlineData("/", ShortcutCommand.Search)]
    [InlineData("g i", ShortcutCommand.GoInbox)]
    [InlineData("g s", ShortcutCommand.GoSent)]
    [InlineData("g d", ShortcutCommand.GoDrafts)]
    [InlineData("?", ShortcutCommand.Help)]
    public void Find_GmailKey_ItsCommand(string keys, ShortcutCommand command) => Assert.Equal(command, ShortcutMap.Find(keys));

    [Theory]
    [InlineData("J")] // Shift+j is not j
    [InlineData("i")] // i alone is only the second key of "g i"
    [InlineData("g")]
    [InlineData("Escape")]
    public void Find_KeyNotInTheSet_Nothing(string keys) => Assert.Null(ShortcutMap.Find(keys));

    [Fact]
    public void All_EachKeyOnceAndEveryCommandReachable()
    {
        Assert.Equal(ShortcutMap.All.Count, ShortcutMap.All.Select(s => s.Keys).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Enum.GetValues<ShortcutCommand>().Order(), ShortcutMap.All.Select(s => s.Command).Distinct().Order());

        // What the browser is given is the same table: every key, and no other.
        Assert.Equal(ShortcutMap.All.ToDictionary(s => s.Keys, s => s.Command.ToString()), ShortcutMap.ForBrowser());
    }

    [Fact]
    public void KeyLabels_ShiftAndSequences_SpelledAsTheHelpShowsThem()
    {
        Assert.Equal(["Shift+I"], ShortcutMap.All.Single(s => s.Command == ShortcutCommand.MarkRead).KeyLabels);
        Assert.Equal(["g", "i"], ShortcutMap.All.Single(s => s.Command == ShortcutCommand.GoInbox).KeyLabels);
        Assert.Equal(["#"], ShortcutMap.All.First(s => s.Command == ShortcutCommand.Delete).KeyLabels);
    }

    [Fact]
    public void Help_Open_ListsEveryShortcutWithItsKeysInKbdUnderItsGroup()
    {
        var cut = Render<ShortcutHelp>(p => p.Add(c => c.Open, true));

        var dialog = cut.Find("[role=dialog]");
        Assert.Equal("true", dialog.GetAttribute("aria-modal"));
        Assert.Equal("Keyboard shortcuts", cut.Find($"#{dialog.GetAttribute("aria-labelledby")}").TextContent);
        Assert.Equal(["Navigation", "Actions", "Go to"], cut.FindAll("section h3").Select(h => h.TextContent));
        foreach (var shortcut in ShortcutMap.All)
        {
            var section = cut.FindAll("section").Single(s => s.QuerySelector("h3")!.TextContent == ShortcutMap.GroupTitle(shortcut.Group));
            var entry = section.QuerySelectorAll(".shortcut").SingleOrDefault(e => e.QuerySelector("dd")!.TextContent == shortcut.Description);
            Assert.True(entry is not null, $"the help has no line \"{shortcut.Description}\" under {shortcut.Group}");
            var keys = entry.QuerySelectorAll("kbd").Select(k => k.TextContent).ToList();
            Assert.True(shortcut.KeyLabels.All(keys.Contains), $"\"{shortcut.Description}\" shows {string.Join(", ", keys)}, not {shortcut.Keys}");
        }

        Assert.Contains("g then i", cut.FindAll(".shortcut dt").Select(d => d.TextContent));
        Assert.Contains("o or Enter", cut.FindAll(".shortcut dt").Select(d => d.TextContent));
    }

    [Fact]
    public void Help_Closed_RendersNothing() => Assert.Empty(Render<ShortcutHelp>(p => p.Add(c => c.Open, false)).Markup.Trim());

    [Theory]
    [InlineData("Escape", true)]
    [InlineData("j", false)]
    public void Help_Key_EscapeAsksToClose(string key, bool closes)
    {
        var closed = false;
        var cut = Render<ShortcutHelp>(p => p.Add(c => c.Open, true).Add(c => c.OnClose, () => closed = true));

        cut.Find("[role=dialog]").KeyDown(key);

        Assert.Equal(closes, closed);
    }

    [Fact]
    public void Help_CloseButton_AsksToClose()
    {
        var closed = false;
        var cut = Render<ShortcutHelp>(p => p.Add(c => c.Open, true).Add(c => c.OnClose, () => closed = true));

        cut.Find("button").Click();

        Assert.True(closed);
    }
}
