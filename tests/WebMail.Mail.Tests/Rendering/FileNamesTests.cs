using WebMail.Mail.Rendering;

namespace WebMail.Mail.Tests.Rendering;

public sealed class FileNamesTests
{
    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("..\\..\\boot.ini", "boot.ini")]
    [InlineData("report\r\nSet-Cookie: x.pdf", "report__Set-Cookie_ x.pdf")]
    [InlineData("\"quoted\".txt", "_quoted_.txt")]
    [InlineData(".hidden", "hidden")]
    [InlineData("résumé 2026.pdf", "résumé 2026.pdf")]
    [InlineData("evil\u202Efdp.exe", "evil_fdp.exe")]
    public void Safe_HostileName_BecomesPlainFileName(string input, string expected)
    {
        Assert.Equal(expected, FileNames.Safe(input, "attachment"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("../")]
    public void Safe_NoUsableName_UsesFallback(string? input)
    {
        Assert.Equal("attachment", FileNames.Safe(input, "attachment"));
    }

    [Fact]
    public void Safe_VeryLongName_IsCutKeepingExtension()
    {
        var safe = FileNames.Safe(new string('a', 500) + ".pdf", "attachment");

        Assert.Equal(120, safe.Length);
        Assert.EndsWith(".pdf", safe, StringComparison.Ordinal);
    }
}
