using WebMail.Mail.Search;

namespace WebMail.Mail.Tests.Search;

/// <summary>What the search box understands, and the sentence a user gets for what it does not.</summary>
public sealed class SearchParserTests
{
    private static readonly DateOnly Today = new(2026, 3, 15);

    private static string Parse(string text) => SearchParser.Parse(text, Today).ToString();

    [Theory]
    [InlineData("invoice", "invoice")]
    [InlineData("invoice march", "(invoice march)")]
    [InlineData("\"quarterly report\"", "\"quarterly report\"")]
    [InlineData("from:alice", "from:alice")]
    [InlineData("From:Alice", "from:Alice")]
    [InlineData("to:bob@example.org", "to:bob@example.org")]
    [InlineData("cc:carol", "cc:carol")]
    [InlineData("subject:budget", "subject:budget")]
    [InlineData("subject:\"budget 2026\"", "subject:\"budget 2026\"")]
    [InlineData("body:kiwi", "body:kiwi")]
    [InlineData("has:attachment", "has:attachment")]
    [InlineData("has:attachments", "has:attachment")]
    [InlineData("is:unread", "is:unread")]
    [InlineData("is:read", "is:read")]
    [InlineData("is:flagged", "is:flagged")]
    [InlineData("is:starred", "is:flagged")]
    [InlineData("is:answered", "is:answered")]
    [InlineData("before:2024-05-31", "before:2024-05-31")]
    [InlineData("before:2024/05/31", "before:2024-05-31")]
    [InlineData("after:2024-5-1", "after:2024-05-01")]
    [InlineData("older_than:3d", "before:2026-03-12")]
    [InlineData("older_than:2w", "before:2026-03-01")]
    [InlineData("newer_than:6m", "after:2025-09-15")]
    [InlineData("newer_than:1y", "after:2025-03-15")]
    [InlineData("larger:10k", "larger:10240")]
    [InlineData("larger:2M", "larger:2097152")]
    [InlineData("smaller:500", "smaller:500")]
    [InlineData("smaller:1mb", "smaller:1048576")]
    [InlineData("label:$Important", "label:$Important")]
    [InlineData("keyword:todo", "label:todo")]
    public void Operator_Understood(string text, string expected) => Assert.Equal(expected, Parse(text));

    [Theory]
    [InlineData("-from:alice", "-from:alice")]
    [InlineData("-spam", "-spam")]
    [InlineData("-\"daily digest\"", "-\"daily digest\"")]
    [InlineData("--spam", "spam")]
    [InlineData("-is:unread has:attachment", "(-is:unread has:attachment)")]
    [InlineData("-(from:alice OR from:bob)", "-(from:alice OR from:bob)")]
    [InlineData("well-known", "well-known")]
    [InlineData("a - b", "(a - b)")]
    public void Negation_OnWordsOperatorsAndGroups(string text, string expected) => Assert.Equal(expected, Parse(text));

    [Theory]
    [InlineData("from:alice OR from:bob", "(from:alice OR from:bob)")]
    [InlineData("a OR b OR c", "(a OR b OR c)")]
    [InlineData("a b OR c", "(a (b OR c))")]
    [InlineData("(a b) OR c", "((a b) OR c)")]
    [InlineData("a | b", "(a OR b)")]
    [InlineData("a or b", "(a or b)")]
    [InlineData("(from:alice OR to:alice) is:unread", "((from:alice OR to:alice) is:unread)")]
    [InlineData("((a))", "a")]
    public void OrAndParentheses_GroupAsWritten(string text, string expected) => Assert.Equal(expected, Parse(text));

    [Theory]
    [InlineData("10:30", "\"10:30\"")]
    [InlineData("https://example.org/x", "\"https://example.org/x\"")]
    [InlineData("\"foo:bar\"", "\"foo:bar\"")]
    [InlineData("Grüße", "Grüße")]
    [InlineData("subject:日本語", "subject:日本語")]
    [InlineData("\"say \\\"hi\\\"\"", "\"say \"hi\"\"")]
    public void FreeTextThatLooksOdd_IsText(string text, string expected) => Assert.Equal(expected, Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Nothing_MatchesEverything(string? text) => Assert.Null(SearchParser.Parse(text, Today).Condition);

    [Fact]
    public void In_NamesTheFolderAndIsNotACondition()
    {
        var parsed = SearchParser.Parse("in:Sent from:alice", Today);
        Assert.Equal(("Sent", false, "from:alice"), (parsed.Folder, parsed.AllFolders, parsed.Condition?.ToString()));
        var quoted = SearchParser.Parse("in:\"Old Projects\"", Today);
        Assert.Equal(("Old Projects", false), (quoted.Folder, quoted.AllFolders));
        Assert.Null(quoted.Condition);
    }

    [Theory]
    [InlineData("in:all invoice")]
    [InlineData("in:anywhere invoice")]
    [InlineData("IN:ALL invoice")]
    public void InAll_SearchesEveryFolder(string text)
    {
        var parsed = SearchParser.Parse(text, Today);
        Assert.True(parsed.AllFolders);
        Assert.Null(parsed.Folder);
        Assert.Equal("invoice", parsed.Condition?.ToString());
    }

    [Theory]
    [InlineData("foo:bar", "\"foo:\" is not a search operator")]
    [InlineData("from:", "from: needs a value right after the colon, like from:alice.")]
    [InlineData("from: alice", "from: needs a value")]
    [InlineData("subject:\"\"", "subject: needs a value")]
    [InlineData("is:", "is: needs a value right after the colon, like is:unread.")]
    [InlineData("is:important", "is:important is not known: use is:unread, is:read, is:flagged or is:answered.")]
    [InlineData("has:pdf", "has:pdf is not known: has:attachment is.")]
    [InlineData("before:yesterday", "\"yesterday\" is not a date before: understands")]
    [InlineData("after:2024-13-01", "\"2024-13-01\" is not a date after: understands")]
    [InlineData("before:31.05.2024", "is not a date")]
    [InlineData("older_than:3", "\"3\" is not an age older_than: understands")]
    [InlineData("newer_than:3h", "is not an age")]
    [InlineData("older_than:-3d", "is not an age")]
    [InlineData("larger:huge", "\"huge\" is not a size larger: understands")]
    [InlineData("smaller:5T", "is not a size")]
    [InlineData("larger:3G", "is not a size")]
    [InlineData("label:two\\words", "cannot be a label on this server")]
    [InlineData("label:\"two words\"", "cannot be a label on this server")]
    [InlineData("label:wichtig→", "cannot be a label on this server")]
    [InlineData("label:a]b", "cannot be a label on this server")]
    [InlineData("\"unclosed phrase", "A quotation mark is not closed")]
    [InlineData("subject:\"unclosed", "A quotation mark is not closed")]
    [InlineData("(a b", "A parenthesis is not closed")]
    [InlineData("a b)", "A closing parenthesis has no opening one")]
    [InlineData("()", "Empty parentheses")]
    [InlineData("OR a", "OR needs a term on each side")]
    [InlineData("a OR", "OR needs a term on each side")]
    [InlineData("a OR OR b", "OR needs a term on each side")]
    [InlineData("-in:Sent", "in: chooses where to search")]
    [InlineData("a OR in:Sent", "in: chooses where to search")]
    [InlineData("in:Sent in:Trash", "Use in: once")]
    public void BadInput_ASentenceForTheUser(string text, string expected)
    {
        var error = Assert.Throws<SearchSyntaxException>(() => Parse(text));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.EndsWith(".", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<MailException>(error);
    }

    [Fact]
    public void DeepNesting_RefusedWithASentence()
    {
        var error = Assert.Throws<SearchSyntaxException>(() => Parse(new string('(', 40) + "a" + new string(')', 40)));
        Assert.Contains("nests too deeply", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TooLong_RefusedWithASentence()
    {
        var error = Assert.Throws<SearchSyntaxException>(() => Parse(new string('a', SearchParser.MaxLength + 1)));
        Assert.Contains("too long", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Re: Budget", "BUDGET")]
    [InlineData("RE: re: Fwd: budget", "BUDGET")]
    [InlineData("[team] Re: Budget (fwd)", "BUDGET")]
    [InlineData("Re[2]: Budget", "BUDGET")]
    [InlineData("[Fwd: Budget]", "BUDGET")]
    [InlineData("  Budget   plan  ", "BUDGET PLAN")]
    [InlineData("[team]", "[TEAM]")]
    [InlineData("Reply needed", "REPLY NEEDED")]
    [InlineData("", "")]
    public void BaseSubject_AsRfc5256(string subject, string expected) => Assert.Equal(expected, BaseSubject.Of(subject));
}
