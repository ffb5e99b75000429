using MailKit;
using MimeKit;

namespace WebMail.Testing;

/// <summary>One .eml fixture and where it belongs.</summary>
/// <param name="Owner">"alice" or "bob" (files under _bob/ are Bob's).</param>
/// <param name="Folder">IMAP folder path ("INBOX", "Projects/Website").</param>
public sealed record CorpusMessage(string Path, string Owner, string Folder, MessageFlags Flags)
{
    public MimeMessage Load() => MimeMessage.Load(Path);
}

/// <summary>The fixture corpus under tests/Fixtures/Mail, shared by the demo seed and the tests.</summary>
public static class Corpus
{
    static Corpus() => System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);

    public static string Directory => System.IO.Path.Combine(Repository.Root, "tests", "Fixtures", "Mail");

    public static IReadOnlyList<CorpusMessage> All { get; } = Load();

    public static CorpusMessage File(string name) =>
        All.Single(m => System.IO.Path.GetFileName(m.Path).Equals(name, StringComparison.OrdinalIgnoreCase));

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
