using System.Text;
using MailKit;
using MimeKit;

namespace WebMail.Testing;

/// <summary>
/// The invitation fixtures under tests/Fixtures/Calendar. Their attendee is alice@example.test and their organiser
/// olga@example.test; <see cref="Load"/> and <see cref="For"/> put test users in their place.
/// </summary>
public static class CalendarFixtures
{
    public const string Attendee = "alice@example.test";
    public const string Organizer = "olga@example.test";

    public static string Directory => Path.Combine(Repository.Root, "tests", "Fixtures", "Calendar");

    /// <summary>The fixture's text (CRLF) with the attendee and organiser addresses replaced.</summary>
    public static string Text(string name, string? attendee = null, string? organizer = null) =>
        File.ReadAllText(Path.Combine(Directory, name), Encoding.UTF8)
            .Replace(Attendee, attendee ?? Attendee, StringComparison.Ordinal)
            .Replace(Organizer, organizer ?? Organizer, StringComparison.Ordinal);

    public static MimeMessage Load(string name, string? attendee = null, string? organizer = null) =>
        MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(Text(name, attendee, organizer))));

    /// <summary>Fixtures as corpus messages for <see cref="Seeder.SeedAsync"/> (written to a temporary folder), in INBOX and read.</summary>
    public static IReadOnlyList<CorpusMessage> For(string? attendee, string? organizer, params string[] names)
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("webmail-calendar-").FullName;
        return [.. names.Select(name =>
        {
            var path = Path.Combine(folder, name);
            File.WriteAllText(path, Text(name, attendee, organizer), new UTF8Encoding(false));
            return new CorpusMessage(path, "alice", "INBOX", MessageFlags.Seen);
        })];
    }
}
