using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace WebMail.Web.Tests.Localization;

/// <summary>
/// Every text the app shows through <c>L["…"]</c> (or marks with <c>Strings.Key("…")</c>) has a German and a French
/// translation, and no translation is left empty: a new string cannot ship in English only.
/// </summary>
public sealed partial class LocalizationKeysTests
{
    private static readonly string Root = FindRoot();

    [Theory]
    [InlineData("de")]
    [InlineData("fr")]
    public void EveryKeyInSource_IsTranslated(string language)
    {
        var translated = Entries(language);
        var missing = SourceKeys().Where(k => !translated.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, $"Strings.{language}.resx lacks {missing.Count} key(s):\n" + string.Join("\n", missing));
    }

    [Theory]
    [InlineData("de")]
    [InlineData("fr")]
    public void EveryEntry_HasAValueWithTheSamePlaceholders(string language)
    {
        var problems = Entries(language)
            .Where(e => string.IsNullOrWhiteSpace(e.Value) || !Placeholders(e.Key).SetEquals(Placeholders(e.Value)))
            .Select(e => $"{e.Key} → “{e.Value}”").ToList();
        Assert.True(problems.Count == 0, $"Strings.{language}.resx has empty or mismatched entries:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void SourceKeys_AreFound() => Assert.Contains("Sign in to your mail", SourceKeys());

    private static HashSet<string> SourceKeys()
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var src = Path.Combine(Root, "src");
        foreach (var file in Directory.EnumerateFiles(src, "*.*", SearchOption.AllDirectories)
                     .Where(f => (f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
                                 && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            foreach (Match m in KeyPattern().Matches(File.ReadAllText(file)))
            {
                var raw = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
                keys.Add(raw.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal));
            }
        }

        return keys;
    }

    private static Dictionary<string, string> Entries(string language) =>
        XDocument.Load(Path.Combine(Root, "src", "WebMail.Web", "Resources", $"Strings.{language}.resx")).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);

    private static HashSet<string> Placeholders(string text) => [.. PlaceholderPattern().Matches(text).Select(m => m.Value)];

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "WebMail.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("WebMail.sln not found above the test's folder.");
    }

    // L["…"], l["…"], localizer["…"], Localizer(context)["…"] and Strings.Key("…").
    [GeneratedRegex("""(?:\bL|\bl|\blocalizer|Localizer\(context\))\["((?:[^"\\]|\\.)*)"|Strings\.Key\("((?:[^"\\]|\\.)*)"\)""")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderPattern();
}
