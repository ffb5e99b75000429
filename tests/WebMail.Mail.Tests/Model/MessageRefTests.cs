using WebMail.Mail.Model;

namespace WebMail.Mail.Tests.Model;

public sealed class MessageRefTests
{
    [Theory]
    [InlineData("INBOX")]
    [InlineData("Projects/Website")]
    [InlineData("Ünïcödé & spaces/.. ?#")]
    public void ToToken_RoundTrips(string folder)
    {
        var id = new MessageRef(folder, 1234567890, 42);

        Assert.True(MessageRef.TryParse(id.ToToken(), out var parsed));
        Assert.Equal(id, parsed);
        Assert.DoesNotContain('/', id.ToToken());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("SU5CT1g.1")]
    [InlineData("SU5CT1g.x.1")]
    [InlineData("SU5CT1g.1.0")]
    [InlineData("!!!.1.2")]
    [InlineData("SU5CT1g.-1.2")]
    public void TryParse_Malformed_ReturnsFalse(string? token)
    {
        Assert.False(MessageRef.TryParse(token, out _));
    }
}
