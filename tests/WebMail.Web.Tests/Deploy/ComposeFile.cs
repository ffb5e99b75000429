using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace WebMail.Web.Tests.Deploy;

/// <summary>
/// docker-compose.yml as Compose reads it: anchors and merge keys (<c>&lt;&lt;: *webmail</c>, local keys winning) applied, plain scalars typed
/// (numbers, booleans, null) as YAML does, as a JSON tree for the schema and the structural checks.
/// </summary>
internal sealed partial class ComposeFile
{
    private ComposeFile(string repositoryRoot, JsonObject root)
    {
        RepositoryRoot = repositoryRoot;
        Root = root;
    }

    public string RepositoryRoot { get; }

    public JsonObject Root { get; }

    public string Path => System.IO.Path.Combine(RepositoryRoot, "docker-compose.yml");

    public JsonObject Services => Root["services"]?.AsObject() ?? throw new InvalidOperationException("docker-compose.yml has no services");

    public static ComposeFile Load()
    {
        var root = FindRepositoryRoot();
        return new ComposeFile(root, Parse(File.ReadAllText(System.IO.Path.Combine(root, "docker-compose.yml"))));
    }

    public static JsonObject Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return ToJson(stream.Documents.Single().RootNode)?.AsObject() ?? throw new InvalidOperationException("empty YAML");
    }

    public JsonObject Service(string name) => Services[name]?.AsObject() ?? throw new InvalidOperationException($"no service {name}");

    /// <summary>A service's environment as a dictionary, from either form (mapping, or a list of <c>KEY=value</c>).</summary>
    public static Dictionary<string, string?> Environment(JsonObject service) => service["environment"] switch
    {
        JsonObject map => map.ToDictionary(p => p.Key, p => p.Value?.ToString()),
        JsonArray list => list.Select(e => e!.GetValue<string>().Split('=', 2)).ToDictionary(kv => kv[0], kv => kv.Length > 1 ? kv[1] : null),
        _ => [],
    };

    /// <summary>The names under a key that Compose writes as a list or as a mapping (depends_on, networks, secrets).</summary>
    public static IEnumerable<string> Names(JsonNode? node) => node switch
    {
        JsonObject map => map.Select(p => p.Key),
        JsonArray list => list.Select(e => e is JsonObject o ? o["source"]!.GetValue<string>() : e!.GetValue<string>()),
        _ => [],
    };

    /// <summary>Each volume entry of a service as (source, target); short (<c>src:dst[:mode]</c>) or long syntax.</summary>
    public static IEnumerable<(string? Source, string Target)> Volumes(JsonObject service) =>
        (service["volumes"]?.AsArray() ?? []).Select(v => v is JsonObject o
            ? (o["source"]?.GetValue<string>(), o["target"]!.GetValue<string>())
            : v!.GetValue<string>().Split(':') is { Length: >= 2 } parts ? (parts[0], parts[1]) : (null, v!.GetValue<string>()));

    public static bool IsNamedVolume(string source) => !source.StartsWith('.') && !source.StartsWith('/') && !source.StartsWith('~') && !source.StartsWith('$');

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "WebMail.sln")) && File.Exists(System.IO.Path.Combine(dir.FullName, "docker-compose.yml")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no repository root (WebMail.sln beside docker-compose.yml) above {AppContext.BaseDirectory}");
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => Mapping(map),
        YamlSequenceNode list => new JsonArray(list.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new InvalidOperationException($"unexpected YAML node {node.NodeType}"),
    };

    /// <summary>A mapping with its merge keys (<c>&lt;&lt;: *anchor</c> or a list of them) applied: its own keys win, then earlier merged ones.</summary>
    private static JsonObject Mapping(YamlMappingNode map)
    {
        var result = new JsonObject();
        foreach (var (key, value) in map.Children.Where(c => ((YamlScalarNode)c.Key).Value != "<<"))
        {
            result.Add(((YamlScalarNode)key).Value!, ToJson(value));
        }

        var merged = map.Children.Where(c => ((YamlScalarNode)c.Key).Value == "<<").Select(c => c.Value)
            .SelectMany(v => v is YamlSequenceNode list ? list.Children : [v]);
        foreach (var source in merged)
        {
            foreach (var (key, value) in Mapping((YamlMappingNode)source).Where(p => !result.ContainsKey(p.Key)).ToList())
            {
                result.Add(key, value?.DeepClone());
            }
        }

        return result;
    }

    /// <summary>Quoted scalars are strings; plain ones are typed as YAML's core schema types them.</summary>
    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (text is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return JsonValue.Create(text.Equals("true", StringComparison.OrdinalIgnoreCase));
        }

        if (Integer().IsMatch(text))
        {
            return JsonValue.Create(long.Parse(text, CultureInfo.InvariantCulture));
        }

        return Float().IsMatch(text) ? JsonValue.Create(double.Parse(text, CultureInfo.InvariantCulture)) : JsonValue.Create(text);
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();
}
