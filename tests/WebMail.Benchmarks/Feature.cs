using Microsoft.Playwright;

namespace WebMail.Benchmarks;

/// <summary>Whether this build has the view a scenario drives (search, sort, conversations arrive on other branches).</summary>
internal static class Feature
{
    /// <summary>Runs <paramref name="probe"/> (one untimed try of the WebMail side); false, with a line saying why, when it fails.</summary>
    public static async Task<bool> AvailableAsync(string what, Func<Task> probe)
    {
        try
        {
            await probe();
            return true;
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException or InvalidOperationException)
        {
            Console.WriteLine($"WebMail side of \"{what}\" not measurable on this build, raw side only: {ex.Message.Split('\n')[0]}");
            return false;
        }
    }
}
