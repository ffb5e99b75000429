namespace WebMail.Mail.Tests;

/// <summary>Waits on state, never on time: polls a condition until it holds or a generous limit passes.</summary>
public static class Until
{
    public static async Task TrueAsync(Func<bool> condition, string what, int seconds = 20, Func<string>? detail = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"never happened: {what} {detail?.Invoke()}");
            await Task.Delay(20);
        }
    }
}
