using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace WebMail.Web.Tests.Deploy;

/// <summary>
/// docker-compose.yml, checked for what would break a team's first <c>docker compose up</c>: something missing, a
/// dangling reference, a service nobody can tell is healthy, a port open beyond this host, replicas that drifted
/// apart, or a setting name WebMail does not know (a typo is silently ignored by the app, so it is caught here).
/// The Compose tool's own check is in <see cref="ComposeToolTests"/>.
/// </summary>
public sealed partial class ComposeFileTests
{
    private static readonly string[] Replicas = ["webmail1", "webmail2"];

    private readonly ComposeFile _compose = ComposeFile.Load();

    [Fact]
    public void Services_TheTeamStack_AllThereEachWithAnImageOrABuild()
    {
        Assert.Superset(
            new HashSet<string> { "nginx", "webmail1", "webmail2", "redis", "postgres", "keycloak", "mail" },
            _compose.Services.Select(s => s.Key).ToHashSet());
        foreach (var (name, service) in _compose.Services)
        {
            Assert.True(service!["image"] is not null || service["build"] is not null, $"service {name} has neither image nor build");
            if (service["build"]?["dockerfile"]?.GetValue<string>() is { } dockerfile)
            {
                Assert.True(File.Exists(Path.Combine(_compose.RepositoryRoot, service["build"]!["context"]?.GetValue<string>() ?? ".", dockerfile)), $"service {name}: {dockerfile} is missing");
            }
        }
    }

    [Fact]
    public void References_DependsOnNetworksVolumesSecrets_PointAtDefinedThings()
    {
        var networks = Keys("networks").Append("default").ToHashSet();
        var volumes = Keys("volumes").ToHashSet();
        var secrets = Keys("secrets").ToHashSet();
        foreach (var (name, node) in _compose.Services)
        {
            var service = node!.AsObject();
            foreach (var dependency in ComposeFile.Names(service["depends_on"]))
            {
                Assert.True(_compose.Services.ContainsKey(dependency), $"{name} depends on {dependency}, which is no service");
                if (service["depends_on"]?[dependency]?["condition"]?.GetValue<string>() == "service_healthy")
                {
                    Assert.True(_compose.Service(dependency)["healthcheck"] is not null, $"{name} waits for {dependency} to be healthy, which has no healthcheck");
                }
            }

            Assert.All(ComposeFile.Names(service["networks"]), n => Assert.True(networks.Contains(n), $"{name} joins network {n}, which is not defined"));
            Assert.All(ComposeFile.Names(service["secrets"]), s => Assert.True(secrets.Contains(s), $"{name} uses secret {s}, which is not defined"));
            foreach (var (source, _) in ComposeFile.Volumes(service).Where(v => v.Source is { } s && ComposeFile.IsNamedVolume(s)))
            {
                Assert.True(volumes.Contains(source!), $"{name} mounts volume {source}, which is not defined");
            }
        }

        // A secret's file is the operator's to make (and never committed); its folder must be there.
        foreach (var (name, secret) in _compose.Root["secrets"]?.AsObject() ?? [])
        {
            var file = secret!["file"]!.GetValue<string>();
            Assert.True(Directory.Exists(Path.GetDirectoryName(Path.Combine(_compose.RepositoryRoot, file))), $"secret {name}: the folder of {file} is missing");
        }
    }

    [Fact]
    public void BindMounts_SourcesExistInTheRepository()
    {
        // Docker makes an empty directory for a missing bind source, and the service then fails in odd ways.
        foreach (var (name, node) in _compose.Services)
        {
            foreach (var (source, target) in ComposeFile.Volumes(node!.AsObject()).Where(v => v.Source is { } s && s.StartsWith('.')))
            {
                Assert.True(Path.Exists(Path.Combine(_compose.RepositoryRoot, source!)), $"{name} mounts {source} at {target}, which is not in the repository");
            }
        }
    }

    [Fact]
    public void Healthchecks_EveryServiceHasOne_WebMailAsksReadyzAndOutlastsItsDrain()
    {
        foreach (var (name, service) in _compose.Services)
        {
            var test = service!["healthcheck"]?["test"];
            Assert.True(test is not null, $"service {name} has no healthcheck");
            Assert.DoesNotContain("NONE", test!.ToJsonString(), StringComparison.Ordinal);
        }

        foreach (var replica in Replicas)
        {
            var service = _compose.Service(replica);
            Assert.Contains("http://127.0.0.1:8080/readyz", service["healthcheck"]!["test"]!.ToJsonString(), StringComparison.Ordinal);

            // The app drains within its ~25 s shutdown timeout on SIGTERM; docker must not kill it first.
            var grace = Seconds(service["stop_grace_period"]?.GetValue<string>() ?? "10s");
            Assert.True(grace >= 30, $"{replica}: stop_grace_period is {grace} s, below the app's drain time (25 s) plus a margin");
        }
    }

    [Fact]
    public void PublishedPorts_OnLoopbackOnly()
    {
        foreach (var (name, service) in _compose.Services)
        {
            foreach (var port in service!["ports"]?.AsArray() ?? [])
            {
                var hostAddress = port is JsonObject o ? o["host_ip"]?.GetValue<string>() : port!.ToString().Split(':') is { Length: 3 } parts ? parts[0] : null;
                Assert.True(hostAddress is "127.0.0.1", $"{name} publishes {port!.ToJsonString()} beyond 127.0.0.1");
            }
        }
    }

    [Fact]
    public void Replicas_DifferOnlyInInstanceName()
    {
        var (one, two) = (_compose.Service(Replicas[0]).DeepClone().AsObject(), _compose.Service(Replicas[1]).DeepClone().AsObject());
        var names = new List<string?>();
        foreach (var replica in new[] { one, two })
        {
            var environment = replica["environment"]!.AsObject();
            names.Add(environment["WebMail__Cluster__InstanceName"]?.GetValue<string>());
            environment.Remove("WebMail__Cluster__InstanceName");
        }

        Assert.Equal(one.ToJsonString(), two.ToJsonString());
        Assert.All(names, n => Assert.False(string.IsNullOrWhiteSpace(n), "each replica names itself (WebMail__Cluster__InstanceName)"));
        Assert.NotEqual(names[0], names[1]);
        Assert.NotEqual("", ComposeFile.Environment(_compose.Service(Replicas[0])).GetValueOrDefault("WebMail__Cluster__Redis") ?? "");
    }

    [Fact]
    public void EnvironmentKeys_EveryWebMailSettingBindsToARealOption()
    {
        var keys = _compose.Services.SelectMany(s => ComposeFile.Environment(s.Value!.AsObject()).Keys)
            .Where(k => k.StartsWith("WebMail__", StringComparison.Ordinal)).Distinct().ToList();

        Assert.Contains("WebMail__Cluster__InstanceName", keys);
        var problems = keys.Select(k => SettingKeys.Problem(k, _compose.RepositoryRoot)).OfType<string>().ToList();
        Assert.True(problems.Count == 0, "settings WebMail does not know (a typo is ignored at start, silently):\n" + string.Join('\n', problems));
    }

    [Theory]
    [InlineData("WebMail__Imap__Hots", "WebMail:Imap has no setting Hots")]
    [InlineData("WebMail__Clustr__Redis", "no settings section of WebMail starts this key")]
    [InlineData("WebMail__Authentication__Oidc", "is a section, not a value")]
    [InlineData("WebMail__DataProtection__CertificatPath", "WebMail:DataProtection has no setting CertificatPath")]
    [InlineData("WebMail__ForwardedHeaders__KnownProxies__first", "is a list: expected an index")]
    public void SettingKeys_ATypo_IsNamed(string key, string expected)
    {
        Assert.Contains(expected, SettingKeys.Problem(key, _compose.RepositoryRoot), StringComparison.Ordinal);
    }

    [Fact]
    public void Nginx_ServesTheClusterTemplateWithItsVariables_AndIsTheTrustedProxy()
    {
        var nginx = _compose.Service("nginx");
        Assert.Contains(ComposeFile.Volumes(nginx), v => v.Source == "./deploy/nginx/webmail.conf.template" && v.Target == "/etc/nginx/templates/default.conf.template");
        var environment = ComposeFile.Environment(nginx);
        Assert.Equal("webmail1:8080", environment["WEBMAIL_INSTANCE_1"]);
        Assert.Equal("webmail2:8080", environment["WEBMAIL_INSTANCE_2"]);
        Assert.Contains(environment["WEBMAIL_PROXY_LISTEN"], nginx["ports"]!.AsArray().Select(p => p!.ToString().Split(':')[^1]));

        // The instances trust forwarded headers from nginx's fixed address only, and Dovecot's push goes to nginx.
        var address = nginx["networks"]!["default"]!["ipv4_address"]!.GetValue<string>();
        Assert.Equal(address, ComposeFile.Environment(_compose.Service("webmail1"))["WebMail__ForwardedHeaders__KnownProxies__0"]);
        Assert.Equal("nginx:" + environment["WEBMAIL_PROXY_LISTEN"], ComposeFile.Environment(_compose.Service("mail"))["WEBMAIL_PUSH_TARGET"]);
    }

    [Fact]
    public void Parse_MergeKeys_LocalKeysWinAndPlainScalarsAreTyped()
    {
        var parsed = ComposeFile.Parse("x-base: &base\n  port: 1143\n  host: mail\nservice:\n  <<: *base\n  port: \"143\"\n  tls: true\n");

        Assert.Equal("""{"port":"143","tls":true,"host":"mail"}""", parsed["service"]!.ToJsonString());
        Assert.Equal(1143, parsed["x-base"]!["port"]!.GetValue<long>());
    }

    private IEnumerable<string> Keys(string topLevel) => (_compose.Root[topLevel]?.AsObject() ?? []).Select(p => p.Key);

    private static int Seconds(string duration)
    {
        var match = Duration().Match(duration);
        Assert.True(match.Success, $"stop_grace_period {duration} is not a duration like 40s or 1m30s");
        return (match.Groups["m"].Success ? int.Parse(match.Groups["m"].Value, System.Globalization.CultureInfo.InvariantCulture) * 60 : 0)
            + (match.Groups["s"].Success ? int.Parse(match.Groups["s"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0);
    }

    [GeneratedRegex(@"^(?:(?<m>\d+)m)?(?:(?<s>\d+)s)?$")]
    private static partial Regex Duration();
}
