using System.Diagnostics;
using System.Globalization;
using WebMail.Testing;

namespace WebMail.Benchmarks;

/// <summary>The local cluster as deploy/cluster.sh runs it: its address and the process id of each instance.</summary>
internal sealed record RunningCluster(string Url, Dictionary<string, int> Pids, Dictionary<string, string> PidFiles);

/// <summary>Starts and stops deploy/cluster.sh (nginx + two instances + Redis + PostgreSQL) beside the running mail stack.</summary>
internal static class ClusterScript
{
    /// <summary>Starts the cluster with nginx on <paramref name="port"/> (Dovecot's push port, so its push goes through nginx).</summary>
    public static async Task<RunningCluster> StartAsync(int port)
    {
        await RunAsync("start", port);
        var env = (await RunAsync("env", port)).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Replace("export ", "", StringComparison.Ordinal).Split('=', 2))
            .Where(kv => kv.Length == 2)
            .ToDictionary(kv => kv[0], kv => kv[1].Trim('\''), StringComparer.Ordinal);
        var pidFiles = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["one"] = env["WEBMAIL_CLUSTER_INSTANCE_1_PID_FILE"],
            ["two"] = env["WEBMAIL_CLUSTER_INSTANCE_2_PID_FILE"],
        };
        var pids = pidFiles.ToDictionary(p => p.Key, p => int.Parse(File.ReadAllText(p.Value).Trim(), CultureInfo.InvariantCulture), StringComparer.Ordinal);
        return new RunningCluster(env["WEBMAIL_CLUSTER_URL"], pids, pidFiles);
    }

    public static Task StopAsync(int port) => RunAsync("stop", port);

    private static async Task<string> RunAsync(string command, int port)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repository.Root };
        psi.ArgumentList.Add(Path.Combine(Repository.Root, "deploy", "cluster.sh"));
        psi.ArgumentList.Add(command);
        if (port > 0)
        {
            // nginx on the push port; the instances and the sign-in provider next to it (not the script's defaults,
            // which a developer's own cluster may be using).
            psi.Environment["WEBMAIL_CLUSTER_PORT"] = port.ToString(CultureInfo.InvariantCulture);
            psi.Environment["WEBMAIL_CLUSTER_PORT_1"] = (port + 1).ToString(CultureInfo.InvariantCulture);
            psi.Environment["WEBMAIL_CLUSTER_PORT_2"] = (port + 2).ToString(CultureInfo.InvariantCulture);
            psi.Environment["WEBMAIL_CLUSTER_IDP_PORT"] = (port + 3).ToString(CultureInfo.InvariantCulture);
            psi.Environment["WEBMAIL_CLUSTER_DATABASE"] = "webmail_cluster_benchmark";
            psi.Environment["WEBMAIL_CLUSTER_DIR"] = Path.Combine(Repository.Root, ".data", "cluster-benchmark");
        }

        // The benchmark's mail stack already pushes to this port: keep it as it is.
        psi.Environment["WEBMAIL_CLUSTER_MAILSTACK"] = "keep";
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("deploy/cluster.sh did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"deploy/cluster.sh {command} failed ({process.ExitCode}): {await errors}");
        }

        return await output;
    }
}
