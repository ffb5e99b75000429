using System.Text.Json;
using WebMail.Mail.Sieve;

namespace WebMail.Mail.Tests.Sieve;

/// <summary>The writer's scripts read back as the same rules; anything else is left alone.</summary>
public sealed class SieveScriptTests
{
    private static readonly FilterSet Sample = new(
        [
            new SieveRule("Newsletters \"weekly\"", true, false,
                [new RuleCondition(RuleField.From, RuleMatch.Contains, "news@"), new RuleCondition(RuleField.Header, RuleMatch.Is, "yes", "X-Bulk")],
                [new RuleAction(RuleActionKind.MoveTo, "Lists/News"), new RuleAction(RuleActionKind.MarkRead), new RuleAction(RuleActionKind.Stop)]),
            new SieveRule("Big from the boss", true, true,
                [new RuleCondition(RuleField.Size, RuleMatch.Over, "500"), new RuleCondition(RuleField.To, RuleMatch.Is, "me@example.test"), new RuleCondition(RuleField.Body, RuleMatch.Matches, "*urgent*")],
                [new RuleAction(RuleActionKind.Label, "$label1"), new RuleAction(RuleActionKind.Flag), new RuleAction(RuleActionKind.CopyTo, "Boss"), new RuleAction(RuleActionKind.Forward, "me@elsewhere.test")]),
            new SieveRule("Off for now", false, true, [new RuleCondition(RuleField.Cc, RuleMatch.Is, "x@y")], [new RuleAction(RuleActionKind.Discard)]),
            new SieveRule("Spam", true, true, [new RuleCondition(RuleField.Subject, RuleMatch.Contains, "WIN\\ money")], [new RuleAction(RuleActionKind.Reject, "No thanks.\nReally.")]),
        ],
        new VacationSettings(true, "Away", "I am away until \"Monday\".\n.\nBye", 3, ["me@example.test", "alias@example.test"], new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 24)));

    private static string Json(FilterSet filters) => JsonSerializer.Serialize(filters);

    [Fact]
    public void Write_ThenRead_GivesTheSameFilters()
    {
        var script = SieveScriptWriter.Write(Sample);

        var read = SieveScriptReader.TryRead(script);

        Assert.NotNull(read);
        Assert.Equal(Json(Sample), Json(read));
        Assert.NotNull(SieveScriptReader.TryRead(script.ReplaceLineEndings("\r\n")));
    }

    [Fact]
    public void Write_ReadableScript_OneCommentedBlockPerRule()
    {
        var script = SieveScriptWriter.Write(Sample);

        Assert.StartsWith("# Filters and vacation reply written by WebMail.", script, StringComparison.Ordinal);
        Assert.Contains("require [\"body\", \"copy\", \"date\", \"fileinto\", \"imap4flags\", \"reject\", \"relational\", \"vacation\"];", script, StringComparison.Ordinal);
        Assert.Contains("# Rule 1: Newsletters \"weekly\"\n", script, StringComparison.Ordinal);
        Assert.Contains("if anyof (address :contains \"from\" \"news@\", header :is \"X-Bulk\" \"yes\") {\n    addflag \"\\\\Seen\";\n    fileinto \"Lists/News\";\n    stop;\n}", script, StringComparison.Ordinal);
        Assert.Contains("if allof (size :over 500K, address :is \"to\" \"me@example.test\", body :text :matches \"*urgent*\") {", script, StringComparison.Ordinal);
        Assert.Contains("fileinto :copy \"Boss\";", script, StringComparison.Ordinal);
        Assert.Contains("redirect :copy \"me@elsewhere.test\";", script, StringComparison.Ordinal);
        Assert.Contains("# Rule 3: Off for now (disabled)\n", script, StringComparison.Ordinal);
        Assert.DoesNotContain("discard;", script, StringComparison.Ordinal);
        Assert.Contains("header :contains \"subject\" \"WIN\\\\ money\"", script, StringComparison.Ordinal);
        Assert.Contains("if allof (currentdate :value \"ge\" \"date\" \"2026-12-01\", currentdate :value \"le\" \"date\" \"2026-12-24\") {\n    vacation :days 3 :subject \"Away\" :addresses [\"me@example.test\", \"alias@example.test\"] \"I am away until \\\"Monday\\\".\n.\nBye\";\n}", script, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("require \"fileinto\";\nif header :contains \"subject\" \"x\" { fileinto \"X\"; }\n")]
    [InlineData("")]
    [InlineData("# Filters and vacation reply written by WebMail.\nkeep;\n")]
    public void TryRead_ScriptWebMailDidNotWrite_IsLeftAlone(string script) => Assert.Null(SieveScriptReader.TryRead(script));

    [Fact]
    public void TryRead_WebMailScriptEditedByHand_IsLeftAlone()
    {
        var script = SieveScriptWriter.Write(Sample);

        Assert.Null(SieveScriptReader.TryRead(script.Replace("fileinto \"Lists/News\";", "fileinto \"Elsewhere\";", StringComparison.Ordinal)));
        Assert.Null(SieveScriptReader.TryRead(script + "discard;\n"));
        Assert.Null(SieveScriptReader.TryRead(script.Replace("# webmail-rule {", "# webmail-rule {broken", StringComparison.Ordinal)));
    }

    [Fact]
    public void Write_Nothing_IsAValidEmptyScript()
    {
        var script = SieveScriptWriter.Write(FilterSet.Empty);

        Assert.DoesNotContain("require", script, StringComparison.Ordinal);
        Assert.Equal(Json(FilterSet.Empty), Json(SieveScriptReader.TryRead(script)!));
    }

    [Theory]
    [InlineData(RuleField.Size, RuleMatch.Over, "lots")]
    [InlineData(RuleField.Subject, RuleMatch.Over, "1")]
    public void Write_ImpossibleCondition_SaysWhy(RuleField field, RuleMatch match, string value) =>
        Assert.Throws<ArgumentException>(() => SieveScriptWriter.Write(new FilterSet([new SieveRule("r", true, true, [new RuleCondition(field, match, value)], [new RuleAction(RuleActionKind.Stop)])], VacationSettings.Off)));

    [Fact]
    public void Write_CreateFolders_FileintoCreateAndStillReadBack()
    {
        var filters = new FilterSet(
            [new SieveRule("r", true, true, [new RuleCondition(RuleField.Size, RuleMatch.Under, "10 MB")],
                [new RuleAction(RuleActionKind.MoveTo, "A"), new RuleAction(RuleActionKind.CopyTo, "B"), new RuleAction(RuleActionKind.Redirect, "x@y.test")])],
            VacationSettings.Off);

        var plain = SieveScriptWriter.Write(filters);
        var creating = SieveScriptWriter.Write(filters, createFolders: true);

        Assert.Contains("fileinto \"A\";", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("mailbox", plain, StringComparison.Ordinal);
        Assert.Contains("require [\"copy\", \"fileinto\", \"mailbox\"];", creating, StringComparison.Ordinal);
        Assert.Contains("if size :under 10240K {\n    fileinto :create \"A\";\n    fileinto :copy :create \"B\";\n    redirect \"x@y.test\";\n}", creating, StringComparison.Ordinal);
        Assert.Equal(Json(filters), Json(SieveScriptReader.TryRead(plain)!));
        Assert.Equal(Json(filters), Json(SieveScriptReader.TryRead(creating)!));
    }

    [Theory]
    [InlineData("500", 500UL)]
    [InlineData("500K", 500UL)]
    [InlineData(" 500 kb ", 500UL)]
    [InlineData("10 MB", 10240UL)]
    [InlineData("2G", 2097152UL)]
    public void TryParseKilobytes_SizesAsPeopleWriteThem(string text, ulong kilobytes)
    {
        Assert.True(SieveRule.TryParseKilobytes(text, out var parsed));
        Assert.Equal(kilobytes, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("lots")]
    [InlineData("1.5 MB")]
    [InlineData("10 TB")]
    [InlineData("-5")]
    [InlineData("MB")]
    public void TryParseKilobytes_NotASize(string text) => Assert.False(SieveRule.TryParseKilobytes(text, out _));
}
