using System.Diagnostics;
using System.Globalization;
using MailKit;
using MailKit.Net.Imap;
using MimeKit;
using WebMail.Testing;

namespace WebMail.Benchmarks;

/// <summary>
/// The mailboxes the find-mail scenarios need, seeded once per mail stack (MULTIAPPEND, 500 messages a command, one
/// connection) and reused: a folder is (re)seeded only when its message count is not the expected one. Message n
/// (1-based, arrival order) of every generated folder ends its subject with "no. n", so a row says where it belongs.
/// </summary>
internal static class BenchMailboxes
{
    /// <summary>100,000 messages with varied senders and subject words in "Big".</summary>
    public const string FindUser = "bench-find-v1@test.example";

    /// <summary>20 folders F01…F20 of 3,000 messages each, the same subject words.</summary>
    public const string FoldersUser = "bench-folders-v1@test.example";

    /// <summary>10,000 messages in "Threads": conversations of 1–9 messages with Message-Id, In-Reply-To and References.</summary>
    public const string ThreadsUser = "bench-threads-v1@test.example";

    public const string Big = "Big";
    public const int BigCount = 100_000;
    public const int FolderCount = 20;
    public const int PerFolder = 3_000;
    public const string Threads = "Threads";
    public const int ThreadMessages = 10_000;

    /// <summary>Subject words: message n carries Words[n % 40] (1/40 of a folder each) and a second, common word.</summary>
    public static readonly string[] Words =
    [
        "amber", "basalt", "cobalt", "dune", "ember", "fjord", "garnet", "harbor", "indigo", "jasper",
        "kelp", "lagoon", "marble", "nectar", "onyx", "pebble", "quartz", "reef", "saffron", "tundra",
        "umber", "violet", "walnut", "xenon", "yarrow", "zinnia", "acorn", "birch", "cedar", "delta",
        "estuary", "fennel", "glacier", "heather", "iris", "juniper", "kestrel", "lichen", "meadow", "nimbus",
    ];

    private static readonly string[] Common = ["budget", "schedule", "minutes", "invoice", "release"];

    /// <summary>Senders: message n is from Names[(n / 3) % 60] (1/60 of a folder each); first names sort as listed.</summary>
    public static readonly string[] Names =
    [
        .. new[]
        {
            "Aaliyah", "Bartholomew", "Cordelia", "Desmond", "Eleanor", "Florian", "Griselda", "Horatio", "Ingrid", "Jolyon",
            "Katarina", "Leopold", "Marisol", "Nikolai", "Octavia", "Percival", "Quentin", "Rosalind", "Sebastian", "Theodora",
            "Ulrich", "Valentina", "Wilhelmina", "Xavier", "Yolanda", "Zebulon", "Anastasia", "Benedikt", "Cassius", "Dorothea",
            "Evander", "Fenella", "Gideon", "Hyacinth", "Ignatius", "Juliana", "Kasimir", "Lucinda", "Maximilian", "Nerissa",
            "Oberon", "Philippa", "Rupert", "Seraphina", "Tobias", "Ursula", "Vivienne", "Winifred", "Yusuf", "Zenobia",
            "Albrecht", "Bettina", "Clemens", "Daphne", "Emmerich", "Felicity", "Gottfried", "Henrietta", "Isidore", "Jocasta",
        },
    ];

    public static string Word(int n) => Words[n % Words.Length];

    public static string Name(int n) => Names[n / 3 % Names.Length];

    public static string Subject(int n) => $"{Word(n)} {Common[n / 7 % Common.Length]} no. {n}";

    /// <summary>The newest message number ≤ <paramref name="count"/> matching <paramref name="match"/>, and how many match.</summary>
    public static (int Newest, int Hits) Newest(int count, Func<int, bool> match)
    {
        var newest = -1;
        var hits = 0;
        for (var n = count; n >= 1; n--)
        {
            if (match(n))
            {
                newest = newest < 0 ? n : newest;
                hits++;
            }
        }

        return (newest, hits);
    }

    public static async Task EnsureFindAsync() =>
        await EnsureAsync(FindUser, Big, BigCount, n => Generated(FindUser, n, Subject(n)));

    public static async Task EnsureFoldersAsync()
    {
        for (var f = 1; f <= FolderCount; f++)
        {
            var folder = FolderName(f);
            await EnsureAsync(FoldersUser, folder, PerFolder, n => Generated(FoldersUser, n, $"{Word(n)} {folder} no. {n}"));
        }
    }

    public static string FolderName(int f) => string.Create(CultureInfo.InvariantCulture, $"F{f:00}");

    public static async Task EnsureThreadsAsync() =>
        await EnsureAsync(ThreadsUser, Threads, ThreadMessages, n => ConversationMail.Message(ThreadsUser, n));

    private static (MimeMessage Message, MessageFlags Flags) Generated(string user, int n, string subject)
    {
        var name = Name(n);
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress($"{name} Example", $"{name.ToLowerInvariant()}.example@example.org"));
        message.To.Add(MailboxAddress.Parse(user));
        message.Subject = subject;
        message.Date = new DateTimeOffset(2024, 1, 1, 8, 0, 0, TimeSpan.Zero).AddMinutes(n * 5);
        message.MessageId = string.Create(CultureInfo.InvariantCulture, $"bench-{n}@find.example");
        message.Body = new TextPart("plain") { Text = $"Body of message {n}.\r\n" };
        return (message, n % 10 == 0 ? MessageFlags.None : MessageFlags.Seen);
    }

    /// <summary>Seeds <paramref name="folder"/> with messages 1…<paramref name="count"/> unless it already holds exactly that many.</summary>
    private static async Task EnsureAsync(string user, string folder, int count, Func<int, (MimeMessage Message, MessageFlags Flags)> make)
    {
        using var client = await MailStack.ConnectAsync(user);
        var root = client.GetFolder(client.PersonalNamespaces[0]);
        var existing = (await root.GetSubfoldersAsync(false)).FirstOrDefault(f => f.Name == folder);
        if (existing is not null)
        {
            await existing.StatusAsync(StatusItems.Count);
            if (existing.Count == count)
            {
                await client.DisconnectAsync(true);
                return;
            }

            await existing.DeleteAsync();
        }

        Console.WriteLine($"seeding {count:N0} messages into {user}/{folder} (once per mail stack)...");
        var watch = Stopwatch.StartNew();
        var target = await root.CreateAsync(folder, true) ?? throw new InvalidOperationException($"cannot create {folder}");
        await target.SubscribeAsync();
        if (MaildirSeeder.FolderPath(user, folder) is not null)
        {
            await client.DisconnectAsync(true);
            await MaildirSeeder.WriteAsync(user, folder, count, make);
            Console.WriteLine($"seeded in {watch.Elapsed.TotalSeconds:0.0} s (Maildir files + doveadm force-resync)");
            await VerifyAsync(user, folder, count);
            return;
        }

        for (var first = 1; first <= count; first += 500)
        {
            var batch = Enumerable.Range(first, Math.Min(500, count - first + 1)).Select(n =>
            {
                var (message, flags) = make(n);
                return (IAppendRequest)new AppendRequest(message, flags) { InternalDate = message.Date };
            }).ToList();
            await target.AppendAsync(batch);
        }

        await client.DisconnectAsync(true);
        Console.WriteLine($"seeded in {watch.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>The folder holds <paramref name="count"/> messages and message n has UID order n (first and last checked).</summary>
    private static async Task VerifyAsync(string user, string folder, int count)
    {
        using var client = await MailStack.ConnectAsync(user);
        var f = await client.GetFolderAsync(folder);
        await f.OpenAsync(FolderAccess.ReadOnly);
        var ends = await f.FetchAsync([0, count - 1], MessageSummaryItems.Envelope);
        var subjects = ends.OrderBy(e => e.Index).Select(e => e.Envelope?.Subject ?? "").ToList();
        await client.DisconnectAsync(true);
        if (f.Count != count || !subjects[0].EndsWith(" 1", StringComparison.Ordinal) && !subjects[0].Contains("Topic 0", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{user}/{folder}: {f.Count} messages, first \"{subjects.FirstOrDefault()}\", last \"{subjects.LastOrDefault()}\"");
        }
    }

    /// <summary>Row items a list row shows (the same as WebMail fetches, without its two raw headers for UTF-7).</summary>
    public const MessageSummaryItems RowItems =
        MessageSummaryItems.UniqueId | MessageSummaryItems.Envelope | MessageSummaryItems.Flags | MessageSummaryItems.Size | MessageSummaryItems.BodyStructure;

    /// <summary>Raw FETCH of the rows of <paramref name="uids"/>; fails unless every one came back.</summary>
    public static async Task<IList<IMessageSummary>> FetchRowsAsync(IMailFolder folder, IList<UniqueId> uids)
    {
        var rows = await folder.FetchAsync(uids, RowItems);
        return rows.Count == uids.Count ? rows : throw new InvalidOperationException($"fetched {rows.Count} of {uids.Count} rows");
    }
}
