using System.Diagnostics;
using System.Globalization;
using MailKit;
using MimeKit;

namespace WebMail.Testing;

/// <summary>
/// Fills a folder of the local stack by writing Maildir files directly (100,000 in seconds instead of minutes over
/// IMAP on a loaded machine), then has Dovecot pick them up with <c>doveadm force-resync</c>. File names start with
/// increasing timestamps, so Dovecot gives the messages UIDs in the order written; the file time is the INTERNALDATE.
/// The folder must exist (created over IMAP, so the mailbox and its indexes are Dovecot's own) and be empty.
/// </summary>
public static class MaildirSeeder
{
    private const int MailUid = 5000;

    /// <summary>The user's Maildir folder on this machine, or null when the stack's mail is not here.</summary>
    public static string? FolderPath(string user, string folder)
    {
        var at = user.IndexOf('@', StringComparison.Ordinal);
        var dir = Path.Combine(MailStack.StackDirectory, "mail", user[(at + 1)..], user[..at], "Maildir", "." + folder);
        return Directory.Exists(dir) ? dir : null;
    }

    public static async Task WriteAsync(string user, string folder, int count, Func<int, (MimeMessage Message, MessageFlags Flags)> make)
    {
        var dir = FolderPath(user, folder) ?? throw new InvalidOperationException($"no Maildir for {user}/{folder}");
        var cur = Path.Combine(dir, "cur");
        Directory.CreateDirectory(cur);
        var epoch = DateTimeOffset.UtcNow.AddDays(-30).ToUnixTimeSeconds();
        await Parallel.ForAsync(1, count + 1, async (n, ct) =>
        {
            var (message, flags) = make(n);
            using var memory = new MemoryStream();
            await message.WriteToAsync(FormatOptions.Default, memory, ct);
            var name = string.Create(CultureInfo.InvariantCulture, $"{epoch + n}.M{n:D7}P1.bench,S={memory.Length}:2,{(flags.HasFlag(MessageFlags.Seen) ? "S" : "")}");
            var path = Path.Combine(cur, name);
            await File.WriteAllBytesAsync(path, memory.ToArray(), ct);
            File.SetLastWriteTimeUtc(path, message.Date.UtcDateTime);
        });
        await RunAsync("chown", "-R", $"{MailUid}:{MailUid}", dir);
        await MailStack.DoveadmAsync("force-resync", "-u", user, folder);
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardInput = true }) ?? throw new InvalidOperationException($"{file} did not start");
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {process.ExitCode}");
        }
    }
}
