using WebMail.Mail.Model;
using WebMail.Web.Components.Mail;

namespace WebMail.Web.Tests.Components;

/// <summary>The list's address: what goes in it, and that reading it back gives the same list.</summary>
public sealed class SearchUrlTests
{
    public static TheoryData<ListQuery> Lists =>
    [
        new ListQuery("INBOX"),
        new ListQuery("INBOX", "from:\"Ann Lee\" -is:read OR subject:(a b) ü&=?#+"),
        new ListQuery("Archive/2025", Filter: ListFilter.Unread | ListFilter.Flagged | ListFilter.Attachments),
        new ListQuery("INBOX", Sort: new SortOrder(SortField.Subject, false)),
        new ListQuery("Sent", "report", ListFilter.Attachments, new SortOrder(SortField.Size), AllFolders: true),
    ];

    [Theory]
    [MemberData(nameof(Lists))]
    public void For_ThenParse_GivesTheSameList(ListQuery query)
    {
        var url = new Uri(new Uri("http://localhost/"), ListUrl.For(query));
        var parameters = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(url.Query);
        string? Get(string name) => parameters.TryGetValue(name, out var v) ? v.ToString() : null;

        var back = ListUrl.Parse(query.Folder, Get("q"), Get("sort"), Get("filter"), Get("scope"));

        Assert.Equal(ListUrl.Normalize(query), back);
    }

    [Fact]
    public void For_PlainFolder_HasNoQueryString()
    {
        var id = new MessageRef("INBOX", 7, 42);

        Assert.Equal($"mail/{FolderToken.Encode("INBOX")}/{id.ToToken()}", ListUrl.For(new ListQuery("INBOX", " ", Sort: SortOrder.Default), id));
    }

    [Fact]
    public void For_Search_KeepsTheContractsSpelling()
    {
        var query = new ListQuery("INBOX", "a b", ListFilter.Unread | ListFilter.Flagged, new SortOrder(SortField.Date, false), AllFolders: true);

        Assert.Equal($"mail/{FolderToken.Encode("INBOX")}?q=a%20b&sort=date-asc&filter=unread,flagged&scope=all", ListUrl.For(query));
    }

    [Fact]
    public void Parse_UnknownValues_TakeTheirDefaults()
    {
        Assert.Equal(new ListQuery("INBOX"), ListUrl.Parse("INBOX", "  ", "sideways", "purple", "everywhere"));
    }
}
