using System.Text;
using WebMail.Mail.Rendering;

namespace WebMail.Mail.Tests.Rendering;

public sealed class TextDecodingTests
{
    [Theory]
    [InlineData("Hi Mom -+Jjo--!", "Hi Mom -\u263a-!")] // RFC 2152's own examples
    [InlineData("A+ImIDkQ.", "A\u2262\u0391.")]
    [InlineData("+ZeVnLIqe-", "日本語")]
    [InlineData("1+-1=2, C+-+-", "1+1=2, C++")]
    [InlineData("Gr+APwA3w-e", "Grüße")]
    [InlineData("+2D3eAA +AH4 done", "😀 ~ done")] // a shift ended by a space instead of '-'
    [InlineData("+ADw-script+AD4-", "<script>")]
    public void Utf7_Decode_FollowsRfc2152(string encoded, string expected)
    {
        Assert.Equal(expected, Utf7.Decode(Encoding.ASCII.GetBytes(encoded)));
    }

    [Fact]
    public void Utf7_LoneSurrogateOrEightBitByte_BecomesReplacementCharacter()
    {
        var text = Utf7.Decode([.. "+2D0-x"u8, 0xE9]);

        Assert.Equal("\uFFFDx\uFFFD", text);
    }

    [Theory]
    [InlineData("utf-7")]
    [InlineData("UTF-7")]
    [InlineData("unicode-1-1-utf-7")]
    [InlineData("\"utf-7\"")]
    public void ToUnicode_Utf7AnyAlias_DecodedWithoutNotice(string charset)
    {
        var decoded = TextDecoding.ToUnicode("Caf+AOk-"u8, charset);

        Assert.Equal("Café", decoded.Text);
        Assert.Null(decoded.CharsetNotice);
    }

    [Theory]
    [InlineData("iso-2022-jp", "日本語のテキスト")]
    [InlineData("gb18030", "第三季度的报告")]
    [InlineData("big5", "會議記錄")]
    [InlineData("shift_jis", "会議の議事録")]
    [InlineData("koi8-r", "Отчёт за октябрь")]
    [InlineData("windows-1252", "“final” – €1.2M")]
    [InlineData("euc-kr", "회의 안내")]
    public void ToUnicode_CodePageCharset_DecodedWithoutNotice(string charset, string text)
    {
        var bytes = Encoding.GetEncoding(charset).GetBytes(text);

        var decoded = TextDecoding.ToUnicode(bytes, charset);

        Assert.Equal(text, decoded.Text);
        Assert.Null(decoded.CharsetNotice);
    }

    [Theory]
    [InlineData("x-unknown")]
    [InlineData("utf 8")]
    [InlineData("x-user-defined")]
    public void ToUnicode_UnknownCharsetUtf8Bytes_ShownAsUtf8WithNoticeNamingIt(string charset)
    {
        var decoded = TextDecoding.ToUnicode("Grüße"u8, charset);

        Assert.Equal("Grüße", decoded.Text);
        Assert.Equal($"This message declares the character set “{charset}”, which WebMail cannot read; it is shown as UTF-8 and some characters may be wrong.", decoded.CharsetNotice);
    }

    [Fact]
    public void ToUnicode_UnknownCharsetLatin1Bytes_ShownAsLatin1WithNotice()
    {
        var decoded = TextDecoding.ToUnicode(Encoding.Latin1.GetBytes("Grüße aus Köln"), "x-unknown");

        Assert.Equal("Grüße aus Köln", decoded.Text);
        Assert.Contains("shown as Latin-1 (ISO-8859-1)", decoded.CharsetNotice, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("us-ascii")]
    public void ToUnicode_NoCharsetAsciiOrUtf8_NoNotice(string? charset)
    {
        Assert.Null(TextDecoding.ToUnicode("plain ascii"u8, charset).CharsetNotice);
        Assert.Equal("Grüße", TextDecoding.ToUnicode("Grüße"u8, charset).Text);
        Assert.Null(TextDecoding.ToUnicode("Grüße"u8, charset).CharsetNotice);
    }

    [Fact]
    public void ToUnicode_EmptyCharsetLatin1Bytes_NoticeSaysNoneDeclared()
    {
        var decoded = TextDecoding.ToUnicode(Encoding.Latin1.GetBytes("Grüße"), "");

        Assert.Equal("Grüße", decoded.Text);
        Assert.StartsWith("This message does not say which character set it uses", decoded.CharsetNotice, StringComparison.Ordinal);
    }

    [Fact]
    public void ToUnicode_HostileCharsetName_NoticeShowsItCleanedAndShort()
    {
        var decoded = TextDecoding.ToUnicode("x"u8, "evil\u0007name-" + new string('a', 200));

        Assert.DoesNotContain('\u0007', decoded.CharsetNotice!);
        Assert.True(decoded.CharsetNotice!.Length < 200, decoded.CharsetNotice);
    }
}
