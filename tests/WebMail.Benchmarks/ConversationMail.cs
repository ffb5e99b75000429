using System.Globalization;
using MailKit;
using MimeKit;

namespace WebMail.Benchmarks;

/// <summary>
/// A folder of real reply chains: conversation t has 1–9 messages (root "Topic t …", then "Re: …" replies, each with
/// In-Reply-To its predecessor and References the whole chain); every third conversation runs long (a reply every
/// 45 minutes, interleaving with others), the rest come in bursts (3 minutes apart), a new one every 10 minutes; message
/// n is the n-th to arrive. The newest conversations are the ones whose last message arrived last.
/// </summary>
internal static class ConversationMail
{
    private static readonly string[] People = ["Ada Quill", "Bram Otter", "Cleo Marsh", "Dov Lumen", "Edda Rook", "Finn Shale", "Greta Vale", "Hugo Wren"];

    private static readonly Lazy<IReadOnlyList<(int Thread, int Position)>> Arrivals = new(Build);

    /// <summary>(conversation, position in it) of message n (1-based arrival order).</summary>
    public static (int Thread, int Position) Of(int n) => Arrivals.Value[n - 1];

    public static string Topic(int thread) => string.Create(CultureInfo.InvariantCulture, $"Topic {thread}: {BenchMailboxes.Words[thread % BenchMailboxes.Words.Length]} plans");

    private static IReadOnlyList<(int Thread, int Position)> Build()
    {
        var all = new List<(long At, int Thread, int Position)>();
        for (var t = 0; all.Count < BenchMailboxes.ThreadMessages * 2; t++)
        {
            var size = 1 + (t * 7 % 9);
            for (var k = 0; k < size; k++)
            {
                all.Add(((t * 10L) + (k * (t % 3 == 0 ? 45L : 3L)), t, k));
            }
        }

        return [.. all.OrderBy(a => a.At).ThenBy(a => a.Thread).ThenBy(a => a.Position).Take(BenchMailboxes.ThreadMessages).Select(a => (a.Thread, a.Position))];
    }

    public static (MimeMessage Message, MessageFlags Flags) Message(string user, int n)
    {
        var (thread, position) = Of(n);
        var message = new MimeMessage();
        var sender = People[(thread + position) % People.Length];
        message.From.Add(new MailboxAddress(sender, sender.Replace(' ', '.').ToLowerInvariant() + "@example.org"));
        message.To.Add(MailboxAddress.Parse(user));
        message.Subject = position == 0 ? Topic(thread) : "Re: " + Topic(thread);
        message.Date = new DateTimeOffset(2024, 1, 1, 8, 0, 0, TimeSpan.Zero).AddMinutes(n * 3);
        message.MessageId = Id(thread, position);
        if (position > 0)
        {
            message.InReplyTo = Id(thread, position - 1);
            for (var k = 0; k < position; k++)
            {
                message.References.Add(Id(thread, k));
            }
        }

        message.Body = new TextPart("plain") { Text = string.Create(CultureInfo.InvariantCulture, $"Message {position + 1} of topic {thread}.\r\n") };
        return (message, n % 4 == 0 ? MessageFlags.None : MessageFlags.Seen);
    }

    private static string Id(int thread, int position) => string.Create(CultureInfo.InvariantCulture, $"t{thread}-{position}@threads.example");
}
