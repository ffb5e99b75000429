using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using MimeKit;
using WebMail.Mail.Credentials;
using WebMail.Mail.Diagnostics;
using WebMail.Mail.Model;
using WebMail.Mail.Sieve;
using WebMail.Mail.Tests.Sending;
using WebMail.Mail.Tests.Sieve;
using WebMail.Testing;

namespace WebMail.Mail.Tests.Diagnostics;

/// <summary>
/// The spans and durations of real Dovecot, Postfix and ManageSieve commands, as an OpenTelemetry exporter would get them:
/// named by command, with durations, and with nothing of the mail in them (no subject, search word, address, folder name or password).
/// </summary>
public sealed class MailTelemetryTests : IDisposable
{
    private const string TestSourceName = "WebMail.Mail.Tests.Telemetry";
    private static readonly ActivitySource TestSource = new(TestSourceName);

    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, string Tags)> _measured = new();
    private readonly ActivityListener _listener;
    private readonly MeterListener _meters = new();

    public MailTelemetryTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is MailTelemetry.Name or TestSourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MailTelemetry.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => _measured.Enqueue((instrument.Name, value, Describe(tags))));
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => _measured.Enqueue((instrument.Name, value, Describe(tags))));
        _meters.Start();
    }

    public void Dispose()
    {
        _listener.Dispose();
        _meters.Dispose();
    }

    [Fact]
    public async Task MailCommands_OpenSearchFetchSendFilter_SpansByCommandWithoutMailContent()
    {
        var (alice, bob) = (MailStack.NewUser("otel"), MailStack.NewUser("otel"));
        var secrets = new Secrets($"Zebra payroll {Guid.NewGuid():N}", $"xylophone{Guid.NewGuid():N}"[..20], alice, bob, $"wrong-{Guid.NewGuid():N}");
        await using var host = new MailTestHost();

        using (var root = TestSource.StartActivity("test"))
        {
            // Alice sends Bob a message whose subject and body are secrets; Bob opens his inbox, searches the body's word, reads it.
            var message = SmtpSenderTests.Message(alice, bob, secrets.Subject);
            message.Body = new TextPart("plain") { Text = $"The word is {secrets.Word}." };
            await SmtpSenderTests.Sender(new MailTestHost.TestCredentials()).SendAsync(alice, message);
            await MailStack.WaitForInboxAsync(bob, 1);

            using var lease = host.Pool.Lease(bob);
            await lease.Session.Folders.GetFoldersAsync();
            var found = await lease.Session.View.GetListPageAsync(new ListQuery("INBOX", Search: secrets.Word), 0, 10);
            var read = await lease.Session.Messages.GetMessageAsync(Assert.Single(found.Rows).Id);
            Assert.Equal(secrets.Subject, read.Subject);

            // A refused login, and the filter server's commands.
            await Assert.ThrowsAsync<MailAuthenticationException>(() => host.Connector.ConnectAsync(new PasswordCredential(bob, secrets.WrongPassword)));
            await using (var sieve = await ManageSieveClient.ConnectAsync(SieveStack.Options(), new PasswordCredential(bob, MailStack.TestPassword)))
            {
                await sieve.ListScriptsAsync();
            }

            Assert.NotNull(root);
            var mine = _stopped.Where(a => a.TraceId == root.TraceId && a != root).ToList();
            var names = mine.Select(a => a.DisplayName).ToHashSet();
            foreach (var expected in new[] { "smtp send", "imap connect", "imap SELECT", "imap UID FETCH", "managesieve connect", "managesieve AUTHENTICATE", "managesieve LISTSCRIPTS" })
            {
                Assert.Contains(expected, names);
            }

            Assert.Contains(names, n => n is "imap LOGIN" or "imap AUTHENTICATE");
            Assert.Contains(names, n => n is "imap UID SEARCH" or "imap UID SORT" or "imap SEARCH" or "imap SORT");
            Assert.DoesNotContain("imap IDLE", names);
            Assert.All(mine, a => Assert.True(a.Duration > TimeSpan.Zero, a.DisplayName));
            Assert.All(mine.Where(a => a.DisplayName.StartsWith("imap ", StringComparison.Ordinal)), a => Assert.Equal(ActivityKind.Client, a.Kind));

            // The command spans say what they did, not to what: the inbox's role, the login's mechanism, the send's shape.
            var select = mine.First(a => a.DisplayName == "imap SELECT");
            Assert.Equal("inbox", select.GetTagItem("imap.folder.role"));
            Assert.Equal("OK", select.GetTagItem("imap.result"));
            var send = mine.Single(a => a.DisplayName == "smtp send");
            Assert.Equal(1, send.GetTagItem("smtp.recipients"));
            Assert.Equal("<10KB", send.GetTagItem("smtp.message.size"));
            Assert.Equal("sent", send.GetTagItem("smtp.result"));
            var refused = mine.Single(a => a.DisplayName == "imap connect" && a.Status == ActivityStatusCode.Error);
            Assert.Equal(typeof(MailAuthenticationException).FullName, refused.GetTagItem("error.type"));
            Assert.Equal(typeof(MailAuthenticationException).FullName, refused.StatusDescription);
            Assert.Contains(mine, a => a.Parent == refused && a.DisplayName is "imap LOGIN" or "imap AUTHENTICATE" && a.Status == ActivityStatusCode.Error && a.GetTagItem("imap.auth.mechanism") is string);
        }

        // Every span seen while this ran (this test's and any other's in the process): no secret in a name, tag, event or status.
        var seen = _stopped.ToList();
        Assert.NotEmpty(seen);
        foreach (var activity in seen)
        {
            var text = string.Join('\n', new[] { activity.DisplayName, activity.OperationName, activity.StatusDescription ?? "" }
                .Concat(activity.TagObjects.Select(t => $"{t.Key}={t.Value}"))
                .Concat(activity.Events.SelectMany(e => e.Tags.Select(t => $"{t.Key}={t.Value}").Prepend(e.Name)))
                .Concat(activity.Baggage.Select(b => $"{b.Key}={b.Value}")));
            secrets.AssertAbsent(text);
        }

        // The command durations reach the meter by command and result, with nothing else in their tags.
        var measured = _measured.ToList();
        Assert.Contains(measured, m => m.Instrument == "webmail.imap.command.duration" && m.Tags.Contains("imap.command=UID FETCH", StringComparison.Ordinal) && m.Value > 0);
        Assert.Contains(measured, m => m.Instrument == "webmail.imap.logins" && m.Tags.Contains("result=refused", StringComparison.Ordinal));
        Assert.Contains(measured, m => m.Instrument == "webmail.smtp.send.duration" && m.Tags.Contains("result=sent", StringComparison.Ordinal));
        Assert.All(measured, m => secrets.AssertAbsent(m.Tags));
    }

    [Fact]
    public async Task ServerDropsConnection_NextCommand_ReconnectSpanAndCount()
    {
        await using var host = new MailTestHost();
        var user = MailStack.NewUser("otel");
        using var lease = host.Pool.Lease(user);
        await lease.Session.Folders.GetFoldersAsync();
        await MailStack.KickAsync(user);

        using (var root = TestSource.StartActivity("test"))
        {
            await lease.Session.Folders.GetFoldersAsync();
            Assert.NotNull(root);
            var reconnect = Assert.Single(_stopped, a => a.TraceId == root.TraceId && a.DisplayName == "imap reconnect");
            Assert.Equal(true, reconnect.GetTagItem("webmail.imap.reconnect"));
            Assert.Equal("ok", reconnect.GetTagItem("webmail.result"));
            Assert.Contains(_stopped, a => a.Parent == reconnect && a.DisplayName is "imap AUTHENTICATE" or "imap LOGIN");
        }

        Assert.Contains(_measured, m => m.Instrument == "webmail.imap.logins" && m.Tags.Contains("result=ok", StringComparison.Ordinal) && m.Tags.Contains("reconnect=True", StringComparison.Ordinal));
        Assert.Equal(2, lease.Session.Connection.ConnectCount);
    }

    [Theory]
    [InlineData("A00000001 UID FETCH 1:5 (FLAGS)\r\n", "UID FETCH")]
    [InlineData("A00000002 select \"Private/Doctor\"\r\n", "SELECT")]
    [InlineData("A00000003 AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==\r\n", "AUTHENTICATE")]
    [InlineData("A00000004 LOGIN alice@example.com hunter2\r\n", "LOGIN")]
    [InlineData("A00000005 XYZZY secret words\r\n", "OTHER")]
    [InlineData("AGFsaWNlAHNlY3JldA==\r\n", null)]
    [InlineData("DONE\r\n", null)]
    public void CommandNames_FromTheStartOfALine_OnlyNamesFromTheList(string line, string? expected)
    {
        var names = new List<string?>();
        new ImapWireLines().Feed(System.Text.Encoding.ASCII.GetBytes(line), head => names.Add(ImapCommandNames.Parse(head)?.Name));
        Assert.Equal(expected, Assert.Single(names));
    }

    [Fact]
    public void WireLines_LiteralData_NeverReadAsCommands()
    {
        // An APPEND whose message (a literal) holds lines that look like commands and answers, sent in odd pieces.
        var body = "A00000099 LOGOUT\r\nA00000007 OK fake\r\nSubject: hello\r\n";
        var wire = $"A00000007 APPEND INBOX {{{body.Length}+}}\r\n{body} \r\nA00000008 NOOP\r\n";
        var lines = new List<string>();
        var parser = new ImapWireLines();
        var bytes = System.Text.Encoding.ASCII.GetBytes(wire);
        for (var i = 0; i < bytes.Length; i += 7)
        {
            parser.Feed(bytes.AsSpan(i, Math.Min(7, bytes.Length - i)), head => lines.Add(ImapCommandNames.Parse(head)?.Name ?? "-"));
        }

        Assert.Equal(["APPEND", "NOOP"], lines);
    }

    private static string Describe(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var parts = new List<string>();
        foreach (var tag in tags)
        {
            parts.Add($"{tag.Key}={tag.Value}");
        }

        return string.Join(',', parts);
    }

    private sealed record Secrets(string Subject, string Word, string Alice, string Bob, string WrongPassword)
    {
        public void AssertAbsent(string text)
        {
            foreach (var secret in new[] { Subject, "Zebra", Word, Alice, Bob, Alice.Split('@')[0], Bob.Split('@')[0], WrongPassword, MailStack.TestPassword })
            {
                Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
            }
        }
    }
}
