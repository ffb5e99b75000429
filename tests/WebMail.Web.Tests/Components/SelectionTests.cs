using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WebMail.Mail.Model;
using WebMail.Web.Components.Mail;
using WebMail.Web.Mail;

namespace WebMail.Web.Tests.Components;

/// <summary>Picking rows (single, ranges, all of a folder beyond the rows in view), the bulk toolbar and the undo toast.</summary>
public sealed class SelectionTests : WebMail.Web.Tests.Components.LocalizedBunitContext
{
    private static readonly FolderInfo[] Folders =
    [
        new("INBOX", "Inbox", 0, FolderRole.Inbox, 10, 3, true),
        new("Archive", "Archive", 0, FolderRole.Archive, 4, 0, true),
        new("Projects", "Projects", 0, FolderRole.None, 4, 0, true),
        new("Projects/Old", "Old", 1, FolderRole.None, 4, 0, false),
    ];

    private static MessageRef Id(uint uid) => new("INBOX", 7, uid);

    [Fact]
    public void Toggle_TwiceUnpicks_AndTheRowIsTheAnchor()
    {
        var s = new ListSelection();
        s.Toggle(Id(1), 4);
        s.Toggle(Id(2), 9);
        s.Toggle(Id(1), 4);

        Assert.False(s.IsSelected(Id(1)));
        Assert.True(s.IsSelected(Id(2)));
        Assert.Equal(4, s.Anchor);
        Assert.Equal(1, s.Count(100));
    }

    [Theory]
    [InlineData(5, 24, 5, 20)]   // Shift+click below the anchor: anchor..row
    [InlineData(24, 5, 5, 20)]   // above it: row..anchor
    [InlineData(7, 7, 7, 1)]
    public void RangeTo_CoversBothEndsWhicheverWay(int anchor, int clicked, int start, int count)
    {
        var s = new ListSelection();
        s.Toggle(Id(1), anchor);

        Assert.Equal((start, count), s.RangeTo(clicked));
    }

    [Fact]
    public void PickRange_AddsToWhatIsPicked()
    {
        var s = new ListSelection();
        s.Toggle(Id(50), 0);
        s.PickRange(3, [Id(50), Id(49), Id(48), Id(47)]);

        Assert.Equal(4, s.Count(100));
        Assert.All(new uint[] { 47, 48, 49, 50 }, uid => Assert.True(s.IsSelected(Id(uid))));
    }

    [Fact]
    public void SelectAll_CountsTheWholeList_AndUnpickingOneRowLeavesTheRest()
    {
        var s = new ListSelection();
        s.Toggle(Id(3), 0);
        s.SelectAll();
        s.Toggle(Id(9), 2);

        Assert.True(s.AllMatching);
        Assert.Equal(99_999, s.Count(100_000));
        Assert.False(s.IsSelected(Id(9)));
        Assert.True(s.IsSelected(Id(12345)));
        Assert.Contains(Id(9), s.Except);
    }

    [Fact]
    public void Forget_RowsThatLeftAreNoLongerPicked()
    {
        var s = new ListSelection();
        s.Toggle(Id(1), 0);
        s.Toggle(Id(2), 1);
        var changes = 0;
        s.Changed += () => changes++;

        s.Forget([Id(1), Id(77)]);

        Assert.Equal(1, s.Count(10));
        Assert.Equal(1, changes);
    }

    [Fact]
    public void Toolbar_NothingPicked_ShowsOnlyTheHeaderCheckbox()
    {
        var cut = Render<BulkToolbar>(p => p.Add(c => c.Selection, new ListSelection()).Add(c => c.Total, 12).Add(c => c.Folders, Folders));

        Assert.Single(cut.FindAll("input[type=checkbox]"));
        Assert.Empty(cut.FindAll("button"));
        Assert.Equal("Select the messages shown", cut.Find("#pick-all").GetAttribute("aria-label"));
    }

    [Fact]
    public void Toolbar_RowsPicked_OffersSelectAllAndMovesToTheChosenFolder()
    {
        var s = new ListSelection();
        s.Toggle(Id(1), 0);
        s.Toggle(Id(2), 1);
        BulkCommand? asked = null;
        var cut = Render<BulkToolbar>(p => p.Add(c => c.Selection, s).Add(c => c.Total, 1234).Add(c => c.Folders, Folders)
            .Add(c => c.Where, "in Inbox").Add(c => c.OnCommand, (BulkCommand c) => asked = c));

        Assert.Contains("2 selected", cut.Markup);
        // A folder that cannot hold mail is no target.
        Assert.DoesNotContain(cut.FindAll("#bulk-target option"), o => o.GetAttribute("value") == "Projects/Old");
        Assert.True(cut.FindAll("button").Single(b => b.TextContent == "Move").HasAttribute("disabled"));

        cut.Find("#bulk-target").Change("Projects");
        cut.FindAll("button").Single(b => b.TextContent == "Move").Click();
        Assert.Equal(new BulkCommand(BulkKind.Move, "Projects"), asked);

        cut.FindAll("button").Single(b => b.TextContent.StartsWith("Select all", StringComparison.Ordinal)).Click();
        Assert.True(s.AllMatching);
        cut.Render();
        Assert.Contains("All 1,234 messages in Inbox are selected", cut.Markup);
    }

    [Fact]
    public void Toolbar_InJunk_OffersNotSpamInsteadOfSpam()
    {
        var s = new ListSelection();
        s.Toggle(Id(1), 0);
        BulkCommand? asked = null;
        var cut = Render<BulkToolbar>(p => p.Add(c => c.Selection, s).Add(c => c.Total, 3).Add(c => c.InJunk, true)
            .Add(c => c.OnCommand, (BulkCommand c) => asked = c));

        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent == "Spam");
        cut.FindAll("button").Single(b => b.TextContent == "Not spam").Click();
        Assert.Equal(BulkKind.NotSpam, asked?.Kind);
    }

    [Fact]
    public void Toolbar_WhileAnActionRuns_SaysHowFarAndDisablesTheButtons()
    {
        var s = new ListSelection();
        s.SelectAll();
        var cut = Render<BulkToolbar>(p => p.Add(c => c.Selection, s).Add(c => c.Total, 20_000).Add(c => c.Busy, true)
            .Add(c => c.Progress, "Moving… 5,000 of 20,000"));

        Assert.Equal("Moving… 5,000 of 20,000", cut.Find(".bulk-progress").TextContent);
        Assert.All(cut.FindAll("button"), b => Assert.True(b.HasAttribute("disabled")));
    }

    [Fact]
    public async Task Toast_OffersUndoForTenSeconds_ThenGoes()
    {
        var time = new FakeTimeProvider();
        Services.AddSingleton<TimeProvider>(time);
        Services.AddScoped<ActionFeedback>();
        var cut = Render<UndoToast>();
        var feedback = Services.GetRequiredService<ActionFeedback>();
        var undone = 0;

        await cut.InvokeAsync(() => feedback.Show("Moved 20 messages to Archive", () => { undone++; return Task.FromResult("Moved 20 messages back to Inbox"); }));
        cut.WaitForAssertion(() => Assert.Contains("Moved 20 messages to Archive", cut.Find("[role=status]").TextContent));

        time.Advance(TimeSpan.FromSeconds(9));
        cut.Find(".toast-undo").Click();
        cut.WaitForAssertion(() => Assert.Contains("Moved 20 messages back to Inbox", cut.Markup));
        Assert.Equal(1, undone);
        Assert.Empty(cut.FindAll(".toast-undo"));

        await cut.InvokeAsync(() => feedback.Show("Deleted 1 message", () => Task.FromResult("")));
        time.Advance(ActionFeedback.UndoWindow);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".toast")));
    }

    [Fact]
    public async Task Toast_AProblemIsAnAlertAndStays()
    {
        var time = new FakeTimeProvider();
        Services.AddSingleton<TimeProvider>(time);
        Services.AddScoped<ActionFeedback>();
        var cut = Render<UndoToast>();
        var feedback = Services.GetRequiredService<ActionFeedback>();

        await cut.InvokeAsync(() => feedback.Show("Moved 18 of 20 messages. 2 could not be moved: Mailbox is full", problem: true));
        time.Advance(TimeSpan.FromMinutes(5));

        cut.WaitForAssertion(() => Assert.Contains("2 could not be moved", cut.Find("[role=alert]").TextContent));
    }
}
