using WebMail.Mail.Html;

namespace WebMail.Mail.Tests.Html;

public sealed class MailUrlPolicyTests
{
    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData(" JAVASCRIPT:alert(1)")]
    [InlineData("java\tscript:alert(1)")]
    [InlineData("java\nscript:alert(1)")]
    [InlineData("\u0001javascript:alert(1)")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("data:  text/html;base64,PHNjcmlwdD4=")]
    [InlineData("file:///etc/passwd")]
    [InlineData("//evil.example/")]
    [InlineData("/account/logout")]
    [InlineData("logout")]
    [InlineData("#top")]
    [InlineData("https:")]
    [InlineData("https://")]
    [InlineData("https://bank.example@evil.example/")]
    [InlineData("ftp://files.example/")]
    [InlineData("http://256.1.1.1/")]
    public void NormalizeLink_NonWebOrObfuscatedTarget_Rejected(string href)
    {
        Assert.Null(MailUrlPolicy.NormalizeLink(href));
    }

    [Theory]
    [InlineData("https://example.com/a?b=1", "https://example.com/a?b=1")]
    [InlineData("HTTP://Example.COM", "http://example.com/")]
    [InlineData("  https://example.com/x  ", "https://example.com/x")]
    [InlineData("https://example.com/a b", "https://example.com/a%20b")]
    [InlineData("MAILTO:news@example.com", "mailto:news@example.com")]
    [InlineData("http://10.0.0.5/wiki", "http://10.0.0.5/wiki")]
    public void NormalizeLink_WebOrMailLink_KeptInNormalForm(string href, string expected)
    {
        Assert.Equal(expected, MailUrlPolicy.NormalizeLink(href));
    }

    [Theory]
    [InlineData("http://2130706433/")]
    [InlineData("http://0x7f.1/")]
    [InlineData("http://017700000001/")]
    [InlineData("http://0x7f000001/")]
    [InlineData("http://127.0.0.1./")]
    [InlineData("http://0/")]
    [InlineData("http://[::1]/")]
    [InlineData("http://[::ffff:127.0.0.1]/")]
    [InlineData("http://[fd00::1]/")]
    [InlineData("http://localhost:8080/")]
    [InlineData("http://app.localhost/")]
    [InlineData("http://10.1.2.3/")]
    [InlineData("http://172.16.0.1/")]
    [InlineData("http://192.168.1.1/")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    public void ClassifyResource_InternalHostInDisguise_Rejected(string url)
    {
        Assert.Equal(ResourceKind.Rejected, MailUrlPolicy.ClassifyResource(url).Kind);
    }

    [Theory]
    [InlineData("/account/logout")]
    [InlineData("logout")]
    [InlineData("?logout")]
    [InlineData("//evil.example/x.png")]
    [InlineData("\\\\evil.example\\x.png")]
    [InlineData("data:image/png;base64,AAAA")]
    [InlineData("data: image/svg+xml,<svg onload=alert(1)>")]
    [InlineData("javascript:alert(1)")]
    [InlineData("cid:")]
    [InlineData("cid:<>")]
    public void ClassifyResource_RelativeOrActiveUrl_Rejected(string url)
    {
        Assert.Equal(ResourceKind.Rejected, MailUrlPolicy.ClassifyResource(url).Kind);
    }

    [Theory]
    [InlineData("https://cdn.example.com/a.png", "https://cdn.example.com/a.png")]
    [InlineData("http://8.8.8.8/x", "http://8.8.8.8/x")]
    public void ClassifyResource_PublicHttpUrl_Remote(string url, string normalized)
    {
        Assert.Equal(new ResourceUrl(ResourceKind.Remote, normalized), MailUrlPolicy.ClassifyResource(url));
    }

    [Theory]
    [InlineData("cid:logo@x")]
    [InlineData("cid:logo%40x")]
    [InlineData("cid:<logo@x>")]
    public void ClassifyResource_ContentIdReference_ContentIdWithoutBrackets(string url)
    {
        Assert.Equal(new ResourceUrl(ResourceKind.ContentId, "logo@x"), MailUrlPolicy.ClassifyResource(url));
    }

    [Theory]
    [InlineData("/parts/42/logo", true)]
    [InlineData("https://mail.example.com/parts/1", true)]
    [InlineData("//evil.example/x", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("/parts/1\" onerror=\"x", false)]
    [InlineData("/parts/1) url(https://evil.example/", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsSafeAppUrl_ResolverResult_Checked(string? url, bool expected)
    {
        Assert.Equal(expected, MailUrlPolicy.IsSafeAppUrl(url));
    }
}
