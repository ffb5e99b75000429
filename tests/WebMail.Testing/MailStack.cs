using System.Diagnostics;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace WebMail.Testing;

/// <summary>
/// The local mail stack started by deploy/mailstack/mailstack.sh: its ports (same environment variables
/// and defaults as the script), users, and direct access for tests (delivery through Postfix, doveadm).
/// </summary>
public static class MailStack
{
    public const string Host = "127.0.0.1";

    /// <summary>Every user of the test.example domain logs in with this password.</summary>
    public const string TestPassword = "test-password";

    public static int ImapPort => Port("WEBMAIL_IMAP_PORT", 1143);

    public static int ImapsPort => Port("WEBMAIL_IMAPS_PORT", 1993);

    public static int SmtpPort => Port("WEBMAIL_SMTP_PORT", 1025);

    public static int SubmissionPort => Port("WEBMAIL_SUBMISSION_PORT", 1587);

    public static int ManageSievePort => Port("WEBMAIL_MANAGESIEVE_PORT", 4190);

    /// <summary>The stack's data folder (configs, mail, logs, the self-signed certificate).</summary>
    public static string StackDirectory =>
        Environment.GetEnvironmentVariable("WEBMAIL_STACK_DIR") is { Length: > 0 } dir ? dir : Path.Combine(Repository.Root, ".data", "mailstack");

    /// <summary>The stack's self-signed certificate, trusted by tests that use TLS.</summary>
    public static string CertificatePath => Path.Combine(StackDirectory, "tls", "cert.pem");

    /// <summary>The same Dovecot as servers without LIST-STATUS, NOTIFY and SPECIAL-USE show it (Courier, UW imapd): plain IMAP on <see cref="ImapPort"/>.</summary>
    public const string CompatHost = "127.0.0.2";

    /// <summary>The same Dovecot refusing passwords before STARTTLS (LOGINDISABLED): plain IMAP on <see cref="ImapPort"/>.</summary>
    public const string TlsOnlyHost = "127.0.0.3";

    /// <summary>The same Dovecot with SEARCH only (no SORT, THREAD, ESEARCH, ESORT, SEARCHRES, WITHIN, CONTEXT=SEARCH): plain IMAP on <see cref="ImapPort"/>.</summary>
    public const string BasicSearchHost = "127.0.0.4";

    /// <summary>The same Dovecot without MOVE, UIDPLUS, SPECIAL-USE, CREATE-SPECIAL-USE and METADATA: plain IMAP on <see cref="ImapPort"/>.</summary>
    public const string BasicOrganizeHost = "127.0.0.5";

    /// <summary>A fresh mailbox whose folders carry no SPECIAL-USE attributes and has no special folders until made (see dovecot.conf.in, passdb 2a).</summary>
    public static string NewUserWithoutSpecialUse() => NewUser("nouse");

    /// <summary>A fresh, empty mailbox for one test: nobody else uses this address.</summary>
    public static string NewUser(string prefix = "t") => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 40)] + "@test.example";

    /// <summary>An authenticated MailKit client for <paramref name="user"/> (plain IMAP on loopback).</summary>
    public static async Task<ImapClient> ConnectAsync(string user, CancellationToken cancellationToken = default)
    {
        var client = new ImapClient();
        await client.ConnectAsync(Host, ImapPort, SecureSocketOptions.None, cancellationToken);
        await client.AuthenticateAsync(user, TestPassword, cancellationToken);
        return client;
    }

    /// <summary>Delivers a message through Postfix (SMTP → LMTP → Dovecot), as real mail arrives.</summary>
    public static async Task DeliverAsync(MimeMessage message, string recipient, CancellationToken cancellationToken = default)
    {
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(Host, SmtpPort, SecureSocketOptions.None, cancellationToken);
        var sender = message.From.Mailboxes.FirstOrDefault() ?? new MailboxAddress("", "sender@example.org");
        await smtp.SendAsync(message, sender, [MailboxAddress.Parse(recipient)], cancellationToken);
        await smtp.DisconnectAsync(true, cancellationToken);
    }

    /// <summary>Waits (up to 15 s) until <paramref name="user"/>'s inbox holds at least <paramref name="count"/> messages: delivery is asynchronous.</summary>
    public static async Task WaitForInboxAsync(string user, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await Seeder.CountInboxAsync(user, TestPassword) < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{count} message(s) for {user} were not delivered within 15 s");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Runs doveadm against the stack's Dovecot and returns its output.</summary>
    public static async Task<string> DoveadmAsync(params string[] args)
    {
        var psi = new ProcessStartInfo("doveadm") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(Environment.GetEnvironmentVariable("WEBMAIL_DOVECOT_CONF") is { Length: > 0 } conf ? conf : Path.Combine(StackDirectory, "dovecot", "dovecot.conf"));
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("doveadm did not start");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? await output : throw new InvalidOperationException($"doveadm {string.Join(' ', args)} failed: {await error}");
    }

    /// <summary>The SASL mechanisms Dovecot logged for successful IMAP logins of <paramref name="user"/>, oldest first.</summary>
    public static IReadOnlyList<string> LoggedLoginMechanisms(string user)
    {
        var log = Path.Combine(StackDirectory, "log", "dovecot.log");
        using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var marker = $"Login: user=<{user}>, method=";
        var mechanisms = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            var at = line.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                mechanisms.Add(new string(line.AsSpan(at + marker.Length).TrimEnd().ToArray().TakeWhile(c => c != ',').ToArray()));
            }
        }

        return mechanisms;
    }

    /// <summary>Number of IMAP connections the server holds for <paramref name="user"/> (doveadm who).</summary>
    public static async Task<int> ServerConnectionCountAsync(string user)
    {
        var output = await DoveadmAsync("who", "-1", user);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.StartsWith(user, StringComparison.OrdinalIgnoreCase) && l.Contains("imap", StringComparison.Ordinal));
    }

    /// <summary>Has the server drop <paramref name="user"/>'s IMAP connections (doveadm kick) and waits (up to 10 s) until none is left.</summary>
    public static async Task KickAsync(string user)
    {
        await DoveadmAsync("kick", user);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await ServerConnectionCountAsync(user) > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the server did not drop the connection");
            }

            await Task.Delay(50);
        }
    }

    private static int Port(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var port) ? port : fallback;
}

/// <summary>Finds the repository root (where WebMail.sln is), for the fixtures and the stack folder.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WebMail.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
