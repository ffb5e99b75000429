using System.Globalization;

namespace WebMail.Benchmarks;

/// <summary>
/// WebMail and raw runs interleaved on a shared, noisy machine: run i does WebMail then raw for even i, raw then
/// WebMail for odd i, after a few warm-up pairs that are not kept; the report gives p50 and p90 of both and the
/// ratio of the p50s against the target, with the load average before and after.
/// </summary>
internal sealed class Interleaved(string title, int iterations, int warmup = 3)
{
    private readonly List<double> _web = [];
    private readonly List<double> _raw = [];
    private readonly Dictionary<string, List<double>> _extra = [];
    private readonly string _loadBefore = LoadAverage();

    /// <summary>Runs the pairs; <paramref name="web"/> and <paramref name="raw"/> get the run index (negative for warm-up).</summary>
    /// <remarks>A null <paramref name="web"/> (the build has no such view yet) runs and reports the raw side only.</remarks>
    public async Task RunAsync(Func<int, Task<double>>? web, Func<int, Task<double>> raw)
    {
        for (var i = -warmup; i < iterations; i++)
        {
            double w, r;
            if (web is null)
            {
                (w, r) = (double.NaN, await raw(i));
            }
            else if ((i & 1) == 0)
            {
                w = await web(i);
                r = await raw(i);
            }
            else
            {
                r = await raw(i);
                w = await web(i);
            }

            if (i == -warmup && web is not null)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{title}: first run (warm-up, not kept) WebMail {w:0.0} ms, raw {r:0.0} ms"));
            }

            if (i >= 0)
            {
                _web.Add(w);
                _raw.Add(r);
            }
        }
    }

    /// <summary>Keeps a reference value (printed under the two paths) for a kept run.</summary>
    public void Note(int run, string path, double value)
    {
        if (run >= 0)
        {
            (_extra.TryGetValue(path, out var list) ? list : _extra[path] = []).Add(value);
        }
    }

    /// <summary>Prints the table; returns true when the ratio of p50s is within <paramref name="target"/>.</summary>
    public bool Report(string webPath, string rawPath, double target)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine($"{title} ({_web.Count} runs each, interleaved; load average before {_loadBefore}, after {LoadAverage()})");
        Console.WriteLine("| path | p50 ms | p90 ms | max ms |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (path, values) in new[] { (webPath, _web), (rawPath, _raw) }.Concat(_extra.Select(e => (e.Key, e.Value))))
        {
            if (values.Any(double.IsNaN))
            {
                Console.WriteLine($"| {path} | not measured: this build has no such view | | |");
                continue;
            }

            Console.WriteLine(string.Format(inv, "| {0} | {1:0.0} | {2:0.0} | {3:0.0} |", path, Measurements.P(values, .5), Measurements.P(values, .9), values.Max()));
        }

        if (_web.Any(double.IsNaN))
        {
            Console.WriteLine("ratio: not measured (raw side only)");
            return false;
        }

        var ratio = Measurements.P(_web, .5) / Measurements.P(_raw, .5);
        var met = ratio <= target;
        Console.WriteLine(string.Format(inv, "ratio of p50s (WebMail / raw): {0:0.00}x, p90s: {1:0.00}x (target ≤ {2:0.0#}x) {3}",
            ratio, Measurements.P(_web, .9) / Measurements.P(_raw, .9), target, met ? "MET" : "MISSED"));
        return met;
    }

    /// <summary>The 1, 5 and 15 minute load averages of this machine (2 cores).</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
