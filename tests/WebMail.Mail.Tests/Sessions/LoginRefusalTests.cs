using WebMail.Mail.Sessions;

namespace WebMail.Mail.Tests.Sessions;

/// <summary>The response code and text of a refused login (RFC 5530), as servers send them.</summary>
public sealed class LoginRefusalTests
{
    [Theory]
    [InlineData("A00000001 NO [AUTHENTICATIONFAILED] Authentication failed.", "AUTHENTICATIONFAILED", "Authentication failed.")]
    [InlineData("A00000001 NO [UNAVAILABLE] Temporary authentication failure. [host:2026-12-04 19:00:00]", "UNAVAILABLE", "Temporary authentication failure. [host:2026-12-04 19:00:00]")]
    [InlineData("a1 NO [CONTACTADMIN] Your account is locked, call the help desk", "CONTACTADMIN", "Your account is locked, call the help desk")]
    [InlineData("A00000002 NO [PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.", "PRIVACYREQUIRED", "Plaintext authentication disallowed on non-secure (SSL/TLS) connections.")]
    [InlineData("A00000003 NO Login failed.", null, "Login failed.")]
    [InlineData("* OK [ALERT] hi\r\nA00000004 NO [EXPIRED] Password expired", "EXPIRED", "Password expired")]
    public void ParseRefusal_CodeAndText(string line, string? code, string text) =>
        Assert.Equal((code, text), ImapConnector.ParseRefusal(line));

    [Fact]
    public void ParseRefusal_NoTaggedRefusal_Nothing() =>
        Assert.Equal((null, null), ImapConnector.ParseRefusal("* OK ready"));
}
