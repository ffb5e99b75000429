using WebMail.Web.Tests.Hosting;

namespace WebMail.Web.Tests.Mail;

/// <summary>The frame cache and large-HTML limits refuse nonsense at start, with a sentence naming the setting.</summary>
public sealed class FrameOptionsTests
{
    [Theory]
    [InlineData("WebMail__Frames__MaxBytesPerUser", "100", "WebMail:Frames:MaxBytesPerUser must be between 1048576 (1 MB) and 1073741824 (1 GB).")]
    [InlineData("WebMail__Frames__MaxBytesPerUser", "536870912", "WebMail:Frames:MaxBytesPerUser must not be larger than WebMail:Frames:MaxTotalBytes.")]
    [InlineData("WebMail__Frames__ExpireAfterIdleMinutes", "0", "WebMail:Frames:ExpireAfterIdleMinutes must be between 1 and 1440.")]
    [InlineData("WebMail__Session__MaxSanitizedHtmlBytes", "10", "WebMail:Session:MaxSanitizedHtmlBytes must be between 65536 and 67108864.")]
    public async Task Start_MisconfiguredLimit_ExitsWithSentenceNamingIt(string variable, string value, string expected)
    {
        var (exitCode, lastLine) = await StartupValidationTests.RunWebMailAsync(new() { [variable] = value });

        Assert.NotEqual(0, exitCode);
        Assert.Contains(expected, lastLine, StringComparison.Ordinal);
    }
}
