using System.Text;
using WebMail.Mail.Rendering;

namespace WebMail.Mail.Tests.Rendering;

public sealed class EncodedWordsTests
{
    [Theory]
    [InlineData("=?utf-7?Q?Gr+APwA3w-e?=", "Grüße")]
    [InlineData("=?UTF-7?B?R3IrQVB3QTN3LWU=?=", "Grüße")]
    [InlineData("C++ news: =?utf-7?Q?Gr+APwA3w-e?=", "C++ news: Grüße")]
    [InlineData("=?utf-7?Q?Gr+APwA3w-e?= =?iso-8859-1?Q?aus_K=F6ln?=", "Grüßeaus Köln")]
    [InlineData("=?utf-7?Q?Zo+AOs_+AMU-ngstr+APY-m?= <zoe@example.test>", "Zoë Ångström <zoe@example.test>")]
    [InlineData("Folded\r\n =?unicode-1-1-utf-7?Q?caf+AOk-?=", "Folded café")]
    public void DecodeUtf7Aware_Utf7Words_DecodedWordByWord(string raw, string expected) =>
        Assert.Equal(expected, EncodedWords.DecodeUtf7Aware(Encoding.Latin1.GetBytes(raw)));

    [Theory]
    [InlineData("=?iso-8859-1?Q?K=F6ln?=")]
    [InlineData("Plain subject with + and -")]
    [InlineData("")]
    public void DecodeUtf7Aware_NoUtf7Word_LeftToMimeKit(string raw) =>
        Assert.Null(EncodedWords.DecodeUtf7Aware(Encoding.Latin1.GetBytes(raw)));

    [Fact]
    public void DecodeUtf7Aware_BrokenBase64_NeverThrows() =>
        Assert.NotNull(EncodedWords.DecodeUtf7Aware(Encoding.Latin1.GetBytes("=?utf-7?B?!!!?=")));
}
