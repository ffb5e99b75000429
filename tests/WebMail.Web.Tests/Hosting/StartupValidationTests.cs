namespace WebMail.Web.Tests.Hosting;

public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("WebMail:Imap:Host", "", "WebMail:Imap:Host is missing")]
    [InlineData("WebMail:Imap:Port", "70000", "WebMail:Imap:Port must be a TCP port")]
    [InlineData("WebMail:Imap:TrustedCertificatePath", "/nonexistent/cert.pem", "WebMail:Imap:TrustedCertificatePath")]
    [InlineData("WebMail:Session:CloseAfterSeconds", "-5", "WebMail:Session:CloseAfterSeconds")]
    public void Start_MisconfiguredSetting_FailsWithSentenceNamingIt(string key, string value, string expected)
    {
        using var factory = new WebMailFactory().With(key, value);

        var ex = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}
