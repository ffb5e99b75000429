using System.Diagnostics;
using System.Net;
using Npgsql;
using WebMail.Testing;

namespace WebMail.EndToEnd.Tests;

/// <summary>
/// What deploy/cluster.sh starts, as real processes on ports 5190-5192: a private nginx from
/// deploy/nginx/webmail.conf.template in front of two WebMail instances ("one", "two") sharing a new PostgreSQL
/// database and the test Redis, each reaching IMAP through its own <see cref="TcpRelay"/> (cut it to make the mail
/// server stop answering that instance; the shared Dovecot is never stopped). Instances run in Development (the built
/// output, not a publish), so their Data Protection keys are stored unsealed in the database.
/// </summary>
public sealed class ClusterHost : IAsyncDisposable
{
    public const int ProxyPort = 5190;
    public const string PushSecret = "cluster-browser-push-secret-0123456789";
    private static readonly int[] InstancePorts = [5191, 5192];
    private static readonly string[] Names = ["one", "two"];
    private readonly string _dir;
    private readonly string _database = "webmail_cluster_" + Guid.NewGuid().ToString("N")[..8];
    private readonly Process?[] _instances = new Process?[2];
    private readonly Dictionary<string, string> _extraSettings;

    private ClusterHost(Dictionary<string, string> extraSettings)
    {
        _extraSettings = extraSettings;
        _dir = Directory.CreateTempSubdirectory("webmail-cluster-").FullName;
        // nginx's workers run as nobody and write their temp files here.
        Chmod("755", _dir);
        Relays = [new TcpRelay(MailStack.Host, MailStack.ImapPort), new TcpRelay(MailStack.Host, MailStack.ImapPort)];
    }

    public string ProxyAddress => $"http://127.0.0.1:{ProxyPort}";

    /// <summary>The IMAP relay of each instance (index 0: "one").</summary>
    public TcpRelay[] Relays { get; }

    public static string InstanceAddress(int index) => $"http://127.0.0.1:{InstancePorts[index]}";

    public static int IndexOf(string name) => Array.IndexOf(Names, name);

    public static async Task<ClusterHost> StartAsync(Dictionary<string, string>? settings = null)
    {
        var host = new ClusterHost(settings ?? []);
        try
        {
            await host.CreateDatabaseAsync();
            foreach (var relay in host.Relays)
            {
                relay.Start();
            }

            // One after the other: the first migrates the database.
            await host.StartInstanceAsync(0);
            await host.StartInstanceAsync(1);
            await host.StartNginxAsync();
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public async Task StartInstanceAsync(int index)
    {
        var psi = new ProcessStartInfo("bash") { WorkingDirectory = Path.Combine(Repository.Root, "src", "WebMail.Web") };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add($"exec dotnet '{Path.Combine(Repository.Root, "src", "WebMail.Web", "bin", "Release", "net10.0", "WebMail.Web.dll")}' </dev/null >>'{LogPath(index)}' 2>&1");
        foreach (var (key, value) in Settings(index))
        {
            psi.Environment[key] = value;
        }

        _instances[index] = Process.Start(psi) ?? throw new InvalidOperationException("dotnet did not start");
        await WaitForAsync(InstanceAddress(index) + "/healthz", () => _instances[index]!.HasExited ? $"instance {Names[index]} exited: {Tail(LogPath(index))}" : null);
    }

    /// <summary>kill -9: the instance dies on the spot, with its circuits and IMAP sessions.</summary>
    public void Kill(int index) => _instances[index]!.Kill();

    /// <summary>SIGTERM, as a container runtime or systemd sends it: the instance drains, then exits.</summary>
    public void Terminate(int index) => Process.Start("kill", ["-TERM", _instances[index]!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();

    public async Task<int> WaitForExitAsync(int index, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        await _instances[index]!.WaitForExitAsync(timeout.Token);
        return _instances[index]!.ExitCode;
    }

    public string Log(int index) => File.Exists(LogPath(index)) ? File.ReadAllText(LogPath(index)) : "";

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(_dir, "nginx.pid")))
        {
            Process.Start("nginx", ["-p", _dir, "-c", Path.Combine(_dir, "nginx.conf"), "-s", "stop"])!.WaitForExit();
        }

        foreach (var process in _instances)
        {
            if (process is { HasExited: false })
            {
                process.Kill();
                await process.WaitForExitAsync();
            }

            process?.Dispose();
        }

        foreach (var relay in Relays)
        {
            await relay.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static string Server => Environment.GetEnvironmentVariable("WEBMAIL_POSTGRES") is { Length: > 0 } cs
        ? cs
        : throw new InvalidOperationException("WEBMAIL_POSTGRES is not set: run the tests through deploy/test.sh, which starts PostgreSQL.");

    private static string Redis => Environment.GetEnvironmentVariable("WEBMAIL_REDIS") is { Length: > 0 } redis
        ? redis
        : throw new InvalidOperationException("WEBMAIL_REDIS is not set: run the tests through deploy/test.sh, which starts Redis.");

    private string LogPath(int index) => Path.Combine(_dir, $"instance-{Names[index]}.log");

    private Dictionary<string, string> Settings(int index)
    {
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = InstanceAddress(index),
            ["WebMail__DataDirectory"] = Directory.CreateDirectory(Path.Combine(_dir, "data-" + Names[index])).FullName,
            ["WebMail__Cluster__InstanceName"] = Names[index],
            ["WebMail__Cluster__Redis"] = Redis,
            ["WebMail__Database__Provider"] = "PostgreSql",
            ["WebMail__Database__ConnectionString"] = new NpgsqlConnectionStringBuilder(Server) { Database = _database }.ConnectionString,
            ["WebMail__ForwardedHeaders__KnownProxies__0"] = "127.0.0.1",
            ["WebMail__Imap__Host"] = "127.0.0.1",
            ["WebMail__Imap__Port"] = Relays[index].Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["WebMail__Imap__Security"] = "None",
            ["WebMail__Imap__TimeoutSeconds"] = "5",
            ["WebMail__Smtp__Host"] = MailStack.Host,
            ["WebMail__Smtp__Port"] = MailStack.SubmissionPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["WebMail__Smtp__Security"] = "None",
            ["WebMail__Authentication__Password__Enabled"] = "true",
            ["WebMail__PushNotifications__Secret"] = PushSecret,
        };
        foreach (var (key, value) in _extraSettings)
        {
            settings[key] = value;
        }

        return settings;
    }

    private async Task CreateDatabaseAsync()
    {
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", connection);
        await create.ExecuteNonQueryAsync();
    }

    private async Task StartNginxAsync()
    {
        var template = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "deploy", "nginx", "webmail.conf.template"));
        await File.WriteAllTextAsync(Path.Combine(_dir, "webmail.conf"), template
            .Replace("${WEBMAIL_PROXY_LISTEN}", $"127.0.0.1:{ProxyPort}", StringComparison.Ordinal)
            .Replace("${WEBMAIL_INSTANCE_1}", $"127.0.0.1:{InstancePorts[0]}", StringComparison.Ordinal)
            .Replace("${WEBMAIL_INSTANCE_2}", $"127.0.0.1:{InstancePorts[1]}", StringComparison.Ordinal));
        Directory.CreateDirectory(Path.Combine(_dir, "logs"));
        var temp = Directory.CreateDirectory(Path.Combine(_dir, "temp")).FullName;
        Chmod("1777", temp);
        await File.WriteAllTextAsync(Path.Combine(_dir, "nginx.conf"), $$"""
            worker_processes 1;
            pid {{_dir}}/nginx.pid;
            error_log {{_dir}}/logs/error.log warn;
            events { worker_connections 256; }
            http {
                access_log {{_dir}}/logs/access.log;
                client_body_temp_path {{temp}}/body;
                proxy_temp_path {{temp}}/proxy;
                fastcgi_temp_path {{temp}}/fastcgi;
                uwsgi_temp_path {{temp}}/uwsgi;
                scgi_temp_path {{temp}}/scgi;
                include {{_dir}}/webmail.conf;
            }
            """);
        var psi = new ProcessStartInfo("bash");
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add($"nginx -p '{_dir}' -c '{_dir}/nginx.conf' </dev/null >/dev/null 2>>'{_dir}/logs/error.log'");
        using var nginx = Process.Start(psi)!;
        await nginx.WaitForExitAsync();
        await WaitForAsync(ProxyAddress + "/healthz", () => nginx.ExitCode != 0 ? "nginx did not start: " + Tail(Path.Combine(_dir, "logs", "error.log")) : null);
    }

    private static async Task WaitForAsync(string url, Func<string?> failed)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var until = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < until)
        {
            if (failed() is { } why)
            {
                throw new InvalidOperationException(why);
            }

            try
            {
                if ((await client.GetAsync(url)).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{url} did not answer within 90 s");
    }

    private static void Chmod(string mode, string path) => Process.Start("chmod", [mode, path])!.WaitForExit();

    private static string Tail(string path) => File.Exists(path) ? string.Join('\n', File.ReadLines(path).TakeLast(20)) : "(no log)";
}
