using WebMail.Mail.Model;
using WebMail.Mail.Search;
using WebMail.Mail.Sessions;
using WebMail.Testing;
using static WebMail.Mail.Tests.Search.SearchFixtures;

namespace WebMail.Mail.Tests.Search;

/// <summary>One seeded INBOX read through Dovecot as it is (SORT, ESEARCH, ESORT) and as a server with SEARCH only.</summary>
public sealed class SeededSearchMailbox : IAsyncLifetime
{
    public string User { get; } = MailStack.NewUser("search");

    public MailTestHost Full { get; } = new();

    public MailTestHost Basic { get; } = new(host: MailStack.BasicSearchHost);

    public async Task InitializeAsync() => await SeedAsync(User);

    public async Task DisposeAsync()
    {
        await Full.DisposeAsync();
        await Basic.DisposeAsync();
    }
}

/// <summary>SEARCH and SORT against the real Dovecot, with and without its extensions: the same rows, in the same order.</summary>
public sealed class SearchSortTests(SeededSearchMailbox mailbox) : IClassFixture<SeededSearchMailbox>
{
    private async Task<(ListPage Full, ListPage Basic)> BothAsync(ListQuery query)
    {
        using var full = mailbox.Full.Pool.Lease(mailbox.User);
        using var basic = mailbox.Basic.Pool.Lease(mailbox.User);
        var a = await full.Session.View.GetListPageAsync(query, 0, 100);
        var b = await basic.Session.View.GetListPageAsync(query, 0, 100);
        return (a, b);
    }

    [Fact]
    public async Task BasicHost_LacksTheExtensions_FullHostHasThem()
    {
        using var full = mailbox.Full.Pool.Lease(mailbox.User);
        using var basic = mailbox.Basic.Pool.Lease(mailbox.User);
        var capabilities = new List<string>();
        await full.Session.Connection.RunAsync((c, _) => { capabilities.Add(c.Client.Capabilities.ToString()); return Task.CompletedTask; }, default);
        await basic.Session.Connection.RunAsync((c, _) => { capabilities.Add(c.Client.Capabilities.ToString()); return Task.CompletedTask; }, default);
        Assert.Contains("Sort", capabilities[0], StringComparison.Ordinal);
        Assert.Contains("ESearch", capabilities[0], StringComparison.Ordinal);
        Assert.DoesNotContain("Sort", capabilities[1], StringComparison.Ordinal);
        Assert.DoesNotContain("ESearch", capabilities[1], StringComparison.Ordinal);
    }

    public static TheoryData<SortField, bool> Orders()
    {
        var data = new TheoryData<SortField, bool>();
        foreach (var field in Enum.GetValues<SortField>())
        {
            data.Add(field, false);
            data.Add(field, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Orders))]
    public async Task Sort_EveryFieldAndDirection_SameRowsWithAndWithoutServerSort(SortField field, bool descending)
    {
        var query = new ListQuery("INBOX", Sort: new SortOrder(field, descending));
        var (full, basic) = await BothAsync(query);
        Assert.Equal(11, full.Total);
        Assert.Equal(Subjects(full), Subjects(basic));
        Assert.Equal(full.Rows.Select(r => r.Id.Uid), basic.Rows.Select(r => r.Id.Uid));

        // And with a search: only the hits, in the same order.
        var searched = query with { Search = "-from:zed" };
        (full, basic) = await BothAsync(searched);
        Assert.Equal(10, full.Total);
        Assert.Equal(full.Rows.Select(r => r.Id.Uid), basic.Rows.Select(r => r.Id.Uid));
    }

    [Fact]
    public async Task SortByFrom_OrdersByTheSendersMailbox()
    {
        var (full, basic) = await BothAsync(new ListQuery("INBOX", Sort: new SortOrder(SortField.From, Descending: false)));
        string[] expected = ["Budget 2026", "[team] Fwd: plans", "Re: Budget 2026", "Re: Quarterly report", "Quarterly report", "Grüße aus München", "Mixed but plain", "Scan", "(no subject)", "No date at all", "lunch"];
        Assert.Equal(expected, Subjects(full));
        Assert.Equal(expected, Subjects(basic));
    }

    [Fact]
    public async Task SortBySubject_IgnoresReplyMarkersAndCase()
    {
        var (full, basic) = await BothAsync(new ListQuery("INBOX", Sort: new SortOrder(SortField.Subject, Descending: false)));
        Assert.Equal(Subjects(full), Subjects(basic));
        var order = Subjects(full).ToList();
        Assert.Equal("(no subject)", order[0]);
        Assert.True(order.IndexOf("Budget 2026") + 1 == order.IndexOf("Re: Budget 2026"), string.Join(" | ", order));
        Assert.True(order.IndexOf("lunch") < order.IndexOf("Mixed but plain"), string.Join(" | ", order));
    }

    [Theory]
    [InlineData("from:alice", new[] { "[team] Fwd: plans", "Budget 2026" })]
    [InlineData("from:\"Alice Archer\"", new[] { "[team] Fwd: plans", "Budget 2026" })]
    [InlineData("to:carol", new[] { "Re: Quarterly report" })]
    [InlineData("cc:carol", new[] { "Budget 2026" })]
    [InlineData("subject:budget", new[] { "Re: Budget 2026", "Budget 2026" })]
    [InlineData("budget", new[] { "Re: Budget 2026", "Budget 2026" })]
    [InlineData("carol", new[] { "Re: Quarterly report", "Quarterly report", "Budget 2026" })]
    [InlineData("\"quarterly report is attached\"", new[] { "Quarterly report" })]
    [InlineData("body:pasta", new[] { "lunch" })]
    [InlineData("is:unread", new[] { "(no subject)", "Grüße aus München", "[team] Fwd: plans", "Budget 2026" })]
    [InlineData("is:flagged", new[] { "Quarterly report" })]
    [InlineData("is:answered", new[] { "Re: Budget 2026" })]
    [InlineData("is:read is:flagged", new[] { "Quarterly report" })]
    [InlineData("has:attachment", new[] { "Scan", "Quarterly report" })]
    // Dovecot's SENTBEFORE counts a message without a Date header as sent at the epoch (SORT DATE uses its arrival instead).
    [InlineData("before:2025-12-01", new[] { "(no subject)", "No date at all", "lunch" })]
    [InlineData("after:2026-02-01", new[] { "Grüße aus München", "[team] Fwd: plans" })]
    [InlineData("after:2026/01/20 before:2026/02/01", new[] { "Mixed but plain", "Scan" })]
    [InlineData("larger:20k", new[] { "lunch" })]
    [InlineData("smaller:20k from:zed", new string[0])]
    [InlineData("label:todo", new[] { "lunch" })]
    [InlineData("-is:read -from:alice", new[] { "(no subject)", "Grüße aus München" })]
    [InlineData("from:alice OR from:zed", new[] { "[team] Fwd: plans", "lunch", "Budget 2026" })]
    [InlineData("(from:bob OR from:carol) -subject:\"re:\"", new[] { "Quarterly report" })]
    [InlineData("grüße", new[] { "Grüße aus München" })]
    [InlineData("from:jürgen", new[] { "Grüße aus München" })]
    [InlineData("subject:MÜNCHEN", new[] { "Grüße aus München" })]
    [InlineData("in:inbox from:alice", new[] { "[team] Fwd: plans", "Budget 2026" })]
    [InlineData("nothing-matches-this", new string[0])]
    public async Task Search_Operators_SameHitsOnBothServers(string search, string[] expected)
    {
        var (full, basic) = await BothAsync(new ListQuery("INBOX", search));
        Assert.Equal(expected, Subjects(full));
        Assert.Equal(expected, Subjects(basic));
        Assert.Equal(expected.Length, full.Total);
        Assert.True(full.Complete);
    }

    [Fact]
    public async Task Filters_CombineWithEachOtherAndWithSearch()
    {
        var (unread, _) = await BothAsync(new ListQuery("INBOX", Filter: ListFilter.Unread));
        Assert.Equal(["(no subject)", "Grüße aus München", "[team] Fwd: plans", "Budget 2026"], Subjects(unread));
        var (both, basic) = await BothAsync(new ListQuery("INBOX", "alice", ListFilter.Unread | ListFilter.Attachments));
        Assert.Empty(both.Rows);
        Assert.Empty(basic.Rows);
        var (flagged, _) = await BothAsync(new ListQuery("INBOX", "report", ListFilter.Flagged | ListFilter.Attachments));
        Assert.Equal(["Quarterly report"], Subjects(flagged));
        Assert.True(flagged.Rows[0].HasAttachments);
    }

    [Fact]
    public async Task Pages_AreSlicesOfTheSameOrder()
    {
        using var lease = mailbox.Full.Pool.Lease(mailbox.User);
        var query = new ListQuery("INBOX", Sort: new SortOrder(SortField.Date, Descending: true));
        var whole = await lease.Session.View.GetListPageAsync(query, 0, 100);
        var pages = new List<MessageRow>();
        for (var start = 0; start < whole.Total; start += 4)
        {
            var page = await lease.Session.View.GetListPageAsync(query, start, 4);
            Assert.Equal(start, page.StartIndex);
            pages.AddRange(page.Rows);
        }

        Assert.Equal(whole.Rows.Select(r => r.Id), pages.Select(r => r.Id));
        Assert.Equal(["No date at all", "Grüße aus München"], whole.Rows.Take(2).Select(r => r.Subject)); // no Date header: its arrival time (today)
        Assert.Empty((await lease.Session.View.GetListPageAsync(query, 500, 10)).Rows);
    }

    [Theory]
    [InlineData("foo:bar")]
    [InlineData("before:tomorrow")]
    [InlineData("\"open")]
    [InlineData("label:\"two words\"")]
    [InlineData("in:NoSuchFolder x")]
    public async Task BadSearch_ASentence_NothingSentToTheServer(string search)
    {
        using var lease = mailbox.Full.Pool.Lease(mailbox.User);
        var error = await Assert.ThrowsAsync<SearchSyntaxException>(() => lease.Session.View.GetListPageAsync(new ListQuery("INBOX", search), 0, 20));
        Assert.DoesNotContain("BAD", error.Message, StringComparison.Ordinal);
        Assert.EndsWith(".", error.Message, StringComparison.Ordinal);
    }
}
