using WebMail.Mail.Compose;

namespace WebMail.Mail.Tests.Compose;

/// <summary>The user's reply settings: the writing above or below the quote, the signature below it or at the very end.</summary>
public sealed class ReplyLayoutTests
{
    private const string Quote = "\r\n\r\nOn Thu, 3 Sep 2026 10:14, Dave <dave@example.test> wrote:\r\n> Hello\r\n> there\r\n";
    private const string Quoted = "On Thu, 3 Sep 2026 10:14, Dave <dave@example.test> wrote:\n> Hello\n> there";

    [Fact]
    public void Arrange_AboveTheQuote_CaretAtTheTopSignatureBetween()
    {
        var (text, caret) = ReplyLayout.Arrange(Quote, "Dave's colleague", writeBelowQuote: false, signatureBelowQuote: false);

        Assert.Equal("\n\n-- \nDave's colleague\n\n" + Quoted, text);
        Assert.Equal(0, caret);
    }

    [Fact]
    public void Arrange_AboveTheQuoteSignatureAtTheEnd_SignatureAfterTheQuote()
    {
        var (text, caret) = ReplyLayout.Arrange(Quote, "-- \nAnn", writeBelowQuote: false, signatureBelowQuote: true);

        Assert.Equal("\n\n" + Quoted + "\n\n-- \nAnn", text);
        Assert.Equal(0, caret);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Arrange_BelowTheQuote_CaretAfterTheQuoteAndSignatureLast(bool signatureBelowQuote)
    {
        var (text, caret) = ReplyLayout.Arrange(Quote, "Ann", writeBelowQuote: true, signatureBelowQuote);

        Assert.Equal(Quoted + "\n\n", text[..caret]);
        Assert.Equal("\n\n-- \nAnn", text[caret..]);
    }

    [Fact]
    public void Arrange_BelowTheQuoteNoSignature_CaretAtTheEnd()
    {
        var (text, caret) = ReplyLayout.Arrange(Quote, "  ", writeBelowQuote: true, signatureBelowQuote: false);

        Assert.Equal(Quoted + "\n\n", text);
        Assert.Equal(text.Length, caret);
    }

    [Fact]
    public void Arrange_NewMessage_OnlyTheSignature()
    {
        Assert.Equal(("\n\n-- \nAnn", 0), ReplyLayout.Arrange("", "Ann", writeBelowQuote: true, signatureBelowQuote: true));
        Assert.Equal(("", 0), ReplyLayout.Arrange("", null, writeBelowQuote: false, signatureBelowQuote: false));
    }
}
