using System.Collections;
using System.Reflection;
using WebMail.Mail.Configuration;

namespace WebMail.Web.Tests.Deploy;

/// <summary>
/// Does an environment variable like <c>WebMail__Imap__Host</c> set a real setting? Resolved the way the
/// configuration binder would: the options class whose <c>SectionName</c> is the longest prefix of the key, then
/// its properties (case-insensitive), list indexes and dictionary keys down to a single value. A typo, a removed
/// setting or a value set on a section yields a sentence naming the key; a setting that binds yields null.
/// </summary>
internal static class SettingKeys
{
    /// <summary>
    /// Settings read straight from configuration, without an options class: the key, the source file that reads
    /// it and the literal it reads it by (checked against that file, so renaming it there fails the check here).
    /// </summary>
    private static readonly (string Key, string File, string Literal)[] ReadDirectly =
    [
        ("WebMail:DataDirectory", "src/WebMail.Web/Data/DatabaseExtensions.cs", "\"WebMail:DataDirectory\""),
        ("WebMail:DataProtection:KeysPath", "src/WebMail.Web/Account/DataProtectionSetup.cs", "[\"KeysPath\"]"),
        ("WebMail:DataProtection:CertificatePath", "src/WebMail.Web/Account/DataProtectionSetup.cs", "[\"CertificatePath\"]"),
        ("WebMail:DataProtection:CertificateKeyPath", "src/WebMail.Web/Account/DataProtectionSetup.cs", "[\"CertificateKeyPath\"]"),
        ("WebMail:DataProtection:CertificatePassword", "src/WebMail.Web/Account/DataProtectionSetup.cs", "[\"CertificatePassword\"]"),
        ("WebMail:DataProtection:AllowUnencryptedKeys", "src/WebMail.Web/Account/DataProtectionSetup.cs", "(\"AllowUnencryptedKeys\")"),
    ];

    private static readonly Lazy<Dictionary<string, Type>> Sections = new(FindSections);

    /// <summary>Null when <paramref name="environmentKey"/> (with <c>__</c> or <c>:</c>) sets a WebMail setting; else why not.</summary>
    public static string? Problem(string environmentKey, string repositoryRoot)
    {
        var key = environmentKey.Replace("__", ":", StringComparison.Ordinal);
        var direct = ReadDirectly.FirstOrDefault(d => string.Equals(d.Key, key, StringComparison.OrdinalIgnoreCase));
        if (direct.Key is not null)
        {
            var source = File.ReadAllText(Path.Combine(repositoryRoot, direct.File));
            return source.Contains(direct.Literal, StringComparison.Ordinal) ? null : $"{environmentKey}: {direct.File} no longer reads {direct.Literal}";
        }

        var section = Sections.Value.Keys
            .Where(s => key.StartsWith(s + ":", StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(s => s.Length)
            .FirstOrDefault();
        if (section is null)
        {
            return $"{environmentKey}: no settings section of WebMail starts this key (known: {string.Join(", ", Sections.Value.Keys.Order(StringComparer.Ordinal))})";
        }

        var rest = key[(section.Length + 1)..].Split(':');
        return Resolve(Sections.Value[section], rest, section) is { } problem ? $"{environmentKey}: {problem}" : null;
    }

    private static string? Resolve(Type type, string[] rest, string path)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (IsValue(type))
        {
            return rest.Length == 0 ? null : $"{path} is a single value; it has no {string.Join(":", rest)}";
        }

        if (rest.Length == 0)
        {
            return $"{path} is a section, not a value";
        }

        if (DictionaryValueType(type) is { } valueType)
        {
            return Resolve(valueType, rest[1..], $"{path}:{rest[0]}");
        }

        if (ElementType(type) is { } elementType)
        {
            return int.TryParse(rest[0], out _) ? Resolve(elementType, rest[1..], $"{path}:{rest[0]}") : $"{path} is a list: expected an index, found {rest[0]}";
        }

        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetMethod is not null && p.GetIndexParameters().Length == 0).ToList();
        var property = properties.FirstOrDefault(p => string.Equals(p.Name, rest[0], StringComparison.OrdinalIgnoreCase));
        if (property is null || (IsValue(property.PropertyType) && property.SetMethod is not { IsPublic: true }))
        {
            return $"{path} has no setting {rest[0]} (it has {string.Join(", ", properties.Where(p => p.SetMethod is { IsPublic: true } || !IsValue(p.PropertyType)).Select(p => p.Name))})";
        }

        return Resolve(property.PropertyType, rest[1..], $"{path}:{property.Name}");
    }

    private static bool IsValue(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
            || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(Uri) || type == typeof(Guid);
    }

    private static Type? DictionaryValueType(Type type) =>
        type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>))?.GetGenericArguments()[1];

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : typeof(IEnumerable).IsAssignableFrom(type)
            ? type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0]
            : null;

    /// <summary>Every class in the app's assemblies with a <c>const string SectionName</c> under <c>WebMail:</c>.</summary>
    private static Dictionary<string, Type> FindSections()
    {
        var sections = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in typeof(Program).Assembly.GetTypes().Concat(typeof(ImapOptions).Assembly.GetTypes()))
        {
            if (type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field
                && field.GetRawConstantValue() is string name && name.StartsWith("WebMail:", StringComparison.Ordinal))
            {
                sections[name] = type;
            }
        }

        return sections;
    }
}
