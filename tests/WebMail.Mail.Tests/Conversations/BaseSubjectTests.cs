using WebMail.Mail.Conversations;
using WebMail.Mail.Search;

namespace WebMail.Mail.Tests.Conversations;

/// <summary>RFC 5256 base subjects: replies and forwards of one subject thread together, other subjects do not.</summary>
public sealed class BaseSubjectTests
{
    [Theory]
    [InlineData("Budget", "BUDGET")]
    [InlineData("Re: Budget", "BUDGET")]
    [InlineData("RE: re: Budget", "BUDGET")]
    [InlineData("Fwd: Re:  Budget  ", "BUDGET")]
    [InlineData("Re[2]: Budget", "BUDGET")]
    [InlineData("[team] Re: Budget", "BUDGET")]
    [InlineData("Budget (fwd)", "BUDGET")]
    [InlineData("[Fwd: Budget]", "BUDGET")]
    [InlineData("[team]", "[TEAM]")]
    [InlineData("Regarding budget", "REGARDING BUDGET")]
    [InlineData("", "")]
    public void Of_ReplyAndForwardMarkers_Removed(string subject, string expected) =>
        Assert.Equal(expected, BaseSubject.Of(subject));
}
