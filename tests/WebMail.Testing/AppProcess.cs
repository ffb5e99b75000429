using System.Diagnostics;

namespace WebMail.Testing;

/// <summary>Runs one of our apps as an operator would (`dotnet X.dll` with environment settings) until it exits.</summary>
public static class AppProcess
{
    /// <summary>Starts <paramref name="dll"/> (next to the test assembly) and waits up to a minute for it to exit.</summary>
    /// <returns>The exit code and the last line it wrote to stderr.</returns>
    public static async Task<(int ExitCode, string LastErrorLine)> RunToExitAsync(string dll, IEnumerable<KeyValuePair<string, string>> environment)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = AppContext.BaseDirectory };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dll));
        psi.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (key, value) in environment)
        {
            psi.Environment[key] = value;
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"dotnet {dll} did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        _ = await stdout;
        return (process.ExitCode, (await stderr).Trim().Split('\n')[^1]);
    }
}
