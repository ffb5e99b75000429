using System.Diagnostics;
using MailKit.Search;
using WebMail.Mail.Actions;
using WebMail.Mail.Model;
using WebMail.Testing;
using Xunit.Abstractions;
using static WebMail.Mail.Tests.Actions.ServerMailbox;

namespace WebMail.Mail.Tests.Actions;

/// <summary>"Select all" on 10,000 messages: UID sets in a few chunked commands, never one command per message.</summary>
public sealed class BulkScaleTests(ITestOutputHelper output)
{
    private const int Messages = 10_000;
    private const string Folder = "Bulk";

    [Fact]
    public async Task FlagAndMoveAll_TenThousandMessages_UseAHandfulOfCommandsAndLandOnTheServer()
    {
        var user = MailStack.NewUser("bscale");
        var seeding = Stopwatch.StartNew();
        // Maildir files written directly (seconds, where 10,000 APPENDs take most of a minute on a busy machine).
        await CreateAsync(user, Folder);
        await MaildirSeeder.WriteAsync(user, Folder, Messages, n => (Letter($"bulk {n}", new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(n)), MailKit.MessageFlags.None));
        var log = new CommandLog();
        await using var host = new MailTestHost(protocolLogger: () => log);
        using var lease = host.Pool.Lease(user);
        var all = MessageSelection.All(new ListQuery(Folder));
        await lease.Session.Messages.GetMessagesAsync(Folder, 0, 1);

        var mark = log.Count;
        var clock = Stopwatch.StartNew();
        output.WriteLine($"seeded in {seeding.Elapsed.TotalSeconds:F1} s");
        clock.Restart();
        var flagged = await lease.Session.Bulk.SetFlaggedAsync(all, true);
        var flagTime = clock.Elapsed;
        var flagCommands = log.Since(mark);

        Assert.Equal("Flagged 10000 messages", flagged.Description);
        Assert.Equal(2, flagCommands.Count(c => c == "UID STORE"));
        Assert.True(flagCommands.Count <= 8, string.Join(", ", flagCommands));
        Assert.Equal((Messages, Messages), await CountAsync(user, Folder, SearchQuery.Flagged));

        mark = log.Count;
        clock.Restart();
        var progress = new List<BulkProgress>();
        var moved = await lease.Session.Bulk.MoveAsync(all, "Archive", new BulkUndoTests.SyncProgress(progress));
        var moveTime = clock.Elapsed;
        var moveCommands = log.Since(mark);

        Assert.Equal((Messages, 0), (moved.Count, moved.Failed));
        Assert.Equal(2, moveCommands.Count(c => c == "UID MOVE"));
        Assert.True(moveCommands.Count <= 8, string.Join(", ", moveCommands));
        Assert.Equal([new BulkProgress(5000, Messages), new BulkProgress(Messages, Messages)], progress);
        Assert.Equal((0, 0), await CountAsync(user, Folder, SearchQuery.All));
        Assert.Equal((Messages, Messages), await CountAsync(user, "Archive", SearchQuery.Flagged));

        clock.Restart();
        var undone = await lease.Session.Bulk.UndoAsync(moved);
        Assert.Equal((Messages, 0), (undone.Restored, undone.Missing));
        Assert.Equal((Messages, Messages), await CountAsync(user, Folder, SearchQuery.Flagged));
        output.WriteLine($"flag {flagTime.TotalMilliseconds:F0} ms ({string.Join(", ", flagCommands)}); move {moveTime.TotalMilliseconds:F0} ms ({string.Join(", ", moveCommands)}); undo {clock.Elapsed.TotalMilliseconds:F0} ms");
    }
}
