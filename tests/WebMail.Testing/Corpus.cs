using MailKit;
using MimeKit;

namespace WebMail.Testing;

/// <summary>One .eml fixture and where it belongs.</summary>
/// <param name="Owner">"alice" or "bob" (files under _bob/ are Bob's).</param>
/// <param name="Folder">IMAP folder path ("INBOX", "Projects/Website").</param>
public sealed record CorpusMessage(string Path, string Owner, string Folder, MessageFlags Flags)
{
    public MimeMessage Load() => MimeMessage.Load(Path);

    /// <summary>The path under tests/Fixtures/Mail, with '/' ("INBOX/utf8-emoji.unread.eml").</summary>
    public string RelativePath => System.IO.Path.GetRelativePath(Corpus.Directory, Path).Replace('\\', '/');

    /// <summary>What a reader must show for this message (from manifest.json).</summary>
    public CorpusExpectation Expected => Corpus.Expectations[RelativePath];
}

/// <summary>What a mail reader must show for one fixture, as the generator wrote it into manifest.json.</summary>
/// <param name="Subject">The decoded subject, or null where only <paramref name="SubjectPrefix"/> is certain.</param>
/// <param name="SubjectPrefix">For fallback-decoded subjects: how the shown subject must start.</param>
/// <param name="Expect">Text the shown body must contain.</param>
/// <param name="CharsetNotice">Whether the reader must warn that the character set could not be honoured.</param>
public sealed record CorpusExpectation(string? Subject, string? SubjectPrefix, IReadOnlyList<string> Expect, bool CharsetNotice);

/// <summary>The fixture corpus under tests/Fixtures/Mail, shared by the demo seed and the tests.</summary>
public static class Corpus
{
    static Corpus() => System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);

    public static string Directory => System.IO.Path.Combine(Repository.Root, "tests", "Fixtures", "Mail");

    public static IReadOnlyList<CorpusMessage> All { get; } = Load();

    public static IReadOnlyDictionary<string, CorpusExpectation> Expectations { get; } = LoadManifest();

    public static CorpusMessage File(string name) =>
        All.Single(m => System.IO.Path.GetFileName(m.Path).Equals(name, StringComparison.OrdinalIgnoreCase));

    private static Dictionary<string, CorpusExpectation> LoadManifest()
    {
        var path = System.IO.Path.Combine(Directory, "manifest.json");
        if (!System.IO.File.Exists(path))
        {
            return [];
        }

        var options = new System.Text.Json.JsonSerializerOptions { PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower };
        using var stream = System.IO.File.OpenRead(path);
        return System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, CorpusExpectation>>(stream, options) ?? [];
    }

    private static List<CorpusMessage> Load()
    {
        var root = Directory;
        if (!System.IO.Directory.Exists(root))
        {
            return [];
        }

        var list = new List<CorpusMessage>();
        foreach (var file in System.IO.Directory.EnumerateFiles(root, "*.eml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = System.IO.Path.GetRelativePath(root, System.IO.Path.GetDirectoryName(file)!).Replace('\\', '/');
            var owner = "alice";
            if (relative.StartsWith("_bob", StringComparison.Ordinal))
            {
                owner = "bob";
                relative = relative.Length > 5 ? relative[5..] : "INBOX";
            }

            var name = System.IO.Path.GetFileName(file);
            var flags = name.Contains(".unread.", StringComparison.Ordinal) ? MessageFlags.None : MessageFlags.Seen;
            if (name.Contains(".flagged.", StringComparison.Ordinal))
            {
                flags |= MessageFlags.Flagged;
            }

            list.Add(new CorpusMessage(file, owner, relative, flags));
        }

        return list;
    }
}
