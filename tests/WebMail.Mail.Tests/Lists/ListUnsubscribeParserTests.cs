using System.Text;
using MimeKit;
using WebMail.Mail.Lists;

namespace WebMail.Mail.Tests.Lists;

/// <summary>List-Unsubscribe as senders really write it (RFC 2369 with RFC 8058 one-click), and as they get it wrong.</summary>
public sealed class ListUnsubscribeParserTests
{
    private static HeaderList Headers(string raw)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(raw.ReplaceLineEndings("\r\n") + "\r\n\r\n"));
        return HeaderList.Load(stream);
    }

    [Fact]
    public void Parse_MailtoAndHttpsWithOneClickPost_PrefersOneClickAndKeepsTheMailto()
    {
        var list = ListUnsubscribeParser.Parse(Headers("""
            List-Id: "Weekly News" <news.example.com>
            List-Unsubscribe: <mailto:leave@news.example.com?subject=unsubscribe%20me>, <https://news.example.com/u/abc?x=1>
            List-Unsubscribe-Post: List-Unsubscribe=One-Click
            """));

        Assert.NotNull(list);
        Assert.Equal(UnsubscribeMethod.OneClick, list.Method);
        Assert.Equal("https://news.example.com/u/abc?x=1", list.Web!.AbsoluteUri);
        Assert.Equal(new MailtoUnsubscribe("leave@news.example.com", "unsubscribe me", ""), list.Mailto);
        Assert.Equal("Weekly News", list.ListName);
    }

    [Fact]
    public void Parse_FoldedHeaderWithCommentsAndSpacesInsideTheUri_ReadsEachUri()
    {
        var list = ListUnsubscribeParser.Parse(Headers("""
            List-Unsubscribe: (Use this one) <https://lists.example.org/un
             subscribe/42>,
            	(or mail us (really)) <mailto:off@lists.example.org?body=please%20remove%20me&subject=off>
            """));

        Assert.NotNull(list);
        Assert.Equal("https://lists.example.org/unsubscribe/42", list.Web!.AbsoluteUri);
        Assert.Equal(new MailtoUnsubscribe("off@lists.example.org", "off", "please remove me"), list.Mailto);
        Assert.False(list.OneClick); // no List-Unsubscribe-Post
        Assert.Equal(UnsubscribeMethod.Mail, list.Method);
    }

    [Fact]
    public void Parse_HttpsOnlyWithoutPost_OpensTheWebPage()
    {
        var list = ListUnsubscribeParser.Parse(Headers("List-Unsubscribe: <https://example.com/prefs>"));

        Assert.Equal(UnsubscribeMethod.WebPage, list!.Method);
        Assert.Null(list.Mailto);
    }

    [Fact]
    public void Parse_OneClickPostWithOnlyAMailto_IsNotOneClick()
    {
        var list = ListUnsubscribeParser.Parse(Headers("""
            List-Unsubscribe: <mailto:u@example.com>
            List-Unsubscribe-Post: List-Unsubscribe=One-Click
            """));

        Assert.False(list!.OneClick);
        Assert.Equal(UnsubscribeMethod.Mail, list.Method);
        Assert.Equal("unsubscribe", list.Mailto!.Subject);
    }

    [Theory]
    [InlineData("List-Unsubscribe: https://example.com/no-brackets")]
    [InlineData("List-Unsubscribe: <javascript:alert(1)>, <data:text/html,hi>, <file:///etc/passwd>")]
    [InlineData("List-Unsubscribe: <mailto:>, <mailto:not-an-address>, <mailto:a@b.example,c@d.example>")]
    [InlineData("List-Unsubscribe: <https://user:pw@example.com/u>, <not a uri at all")]
    [InlineData("List-Unsubscribe: (only a comment <https://example.com/hidden>)")]
    [InlineData("List-Unsubscribe: <>")]
    [InlineData("Subject: no list header at all")]
    public void Parse_Garbage_OffersNothing(string raw) => Assert.Null(ListUnsubscribeParser.Parse(Headers(raw)));

    [Fact]
    public void Parse_GarbageBeforeAGoodUri_SkipsTheGarbage()
    {
        var list = ListUnsubscribeParser.Parse(Headers("List-Unsubscribe: <ftp://example.com/x>, <mailto:%0d%0abcc:victim@example.com>, <https://ok.example.com/u>"));

        Assert.Equal("https://ok.example.com/u", list!.Web!.AbsoluteUri);
        Assert.Null(list.Mailto);
    }

    [Fact]
    public void Parse_MailtoSubjectWithLineBreaks_HasNoLineBreaksLeft()
    {
        var list = ListUnsubscribeParser.Parse(Headers("List-Unsubscribe: <mailto:u@example.com?subject=a%0d%0aBcc:%20x@evil.example>"));

        Assert.DoesNotContain('\n', list!.Mailto!.Subject);
        Assert.DoesNotContain('\r', list.Mailto.Subject);
    }

    [Fact]
    public void Parse_ManyUris_ReadsOnlyTheFirstFew()
    {
        var uris = string.Join(", ", Enumerable.Range(0, 50).Select(i => $"<ftp://example.com/{i}>")) + ", <https://late.example.com/u>";

        Assert.Null(ListUnsubscribeParser.Parse(Headers("List-Unsubscribe: " + uris)));
    }
}
