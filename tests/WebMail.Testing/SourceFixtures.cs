using MailKit;

namespace WebMail.Testing;

/// <summary>The messages under tests/Fixtures/Source (Authentication-Results and raw-source cases), outside the mail corpus.</summary>
public static class SourceFixtures
{
    public static string Directory => System.IO.Path.Combine(Repository.Root, "tests", "Fixtures", "Source");

    /// <summary>The full path of one fixture ("auth-results-dmarc-pass.eml").</summary>
    public static string Path(string name) => System.IO.Path.Combine(Directory, name);

    /// <summary>Every fixture as an unread INBOX message of <paramref name="owner"/>, for seeding.</summary>
    public static IReadOnlyList<CorpusMessage> All(string owner = "alice") =>
        [.. System.IO.Directory.EnumerateFiles(Directory, "*.eml").Order(StringComparer.Ordinal).Select(f => new CorpusMessage(f, owner, "INBOX", MessageFlags.None))];
}
