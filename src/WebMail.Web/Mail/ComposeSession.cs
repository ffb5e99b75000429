using System.Text;
using WebMail.Mail.Compose;
using WebMail.Mail.Model;

namespace WebMail.Web.Mail;

/// <summary>
/// The server's copy of one message being written in one tab: the fields, the body as the browser sent it in
/// bounded edits, the attachments (files in <see cref="TempDirectory"/>) and where the draft is saved. The
/// browser owns the text; this copy follows it edit by edit. Each edit names the revision it applies to, so a
/// lost edit is noticed and the browser sends the whole body again; a flush compares length and hash. Used from
/// the circuit, the beacon endpoint and the shutdown flush, so every change takes the lock.
/// </summary>
public sealed class ComposeSession(Guid id, string userName, string tempDirectory, int maxBodyCharacters)
{
    public const int TextDocument = 0;
    public const int HtmlDocument = 1;

    private readonly Lock _lock = new();
    private readonly StringBuilder[] _documents = [new(), new()];
    private readonly List<DraftAttachment> _attachments = [];
    private Draft _saved = Draft.Empty("");
    private string _from = "", _to = "", _cc = "", _bcc = "", _subject = "";
    private long _changes, _savedChanges, _browserVersion;

    public Guid Id => id;

    public string UserName => userName;

    /// <summary>This tab's copy (a beacon names the copy it was written for).</summary>
    public string Instance { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Where this tab's attachments wait (removed when the copy is retired).</summary>
    public string TempDirectory => tempDirectory;

    /// <summary>One save (or send) at a time.</summary>
    public SemaphoreSlim SaveLock { get; } = new(1, 1);

    /// <summary>The revision the next browser edit must name; -2 after a beacon changed the body behind the browser's back.</summary>
    public long Revision { get; private set; }

    public bool Rich { get; private set; }

    /// <summary>Sent: nothing is saved any more.</summary>
    public bool Closed { get; private set; }

    public ReplyContext? Reply => _saved.Reply;

    public MessageRef? SavedAs { get { lock (_lock) { return _saved.SavedAs; } } }

    public DateTimeOffset? SavedAt { get { lock (_lock) { return _saved.SavedAt; } } }

    public bool IsDirty { get { lock (_lock) { return !Closed && _changes != _savedChanges; } } }

    public string From { get => _from; set => Set(ref _from, value); }

    public string To { get => _to; set => Set(ref _to, value); }

    public string Cc { get => _cc; set => Set(ref _cc, value); }

    public string Bcc { get => _bcc; set => Set(ref _bcc, value); }

    public string Subject { get => _subject; set => Set(ref _subject, value); }

    /// <summary>Ask for a read receipt (saved with the draft).</summary>
    public bool RequestReadReceipt { get; set; }

    public IReadOnlyList<DraftAttachment> Attachments { get { lock (_lock) { return [.. _attachments]; } } }

    public string Text { get { lock (_lock) { return _documents[TextDocument].ToString(); } } }

    public string Html { get { lock (_lock) { return _documents[HtmlDocument].ToString(); } } }

    /// <summary>Starts the copy from a new, reopened or answering draft (not a change: nothing to save yet).</summary>
    public void Load(Draft draft, bool rich, string html)
    {
        lock (_lock)
        {
            _saved = draft with { Attachments = [] };
            (_from, _to, _cc, _bcc, _subject) = (draft.From, draft.To, draft.Cc, draft.Bcc, draft.Subject);
            RequestReadReceipt = draft.RequestReadReceipt;
            _attachments.Clear();
            _attachments.AddRange(draft.Attachments);
            Replace(draft.TextBody.ReplaceLineEndings("\n"), rich ? html : "", rich);
        }
    }

    /// <summary>The server changes the body (switching plain/rich); the browser is started again with it.</summary>
    public void SetBody(string text, string html, bool rich)
    {
        lock (_lock)
        {
            Replace(text, rich ? html : "", rich);
            _changes++;
        }
    }

    /// <summary>One edit from the browser: replace <paramref name="removed"/> characters at <paramref name="start"/> (all of the document when -1, then unconditionally) with <paramref name="text"/>.</summary>
    public ComposeEdit Edit(long baseRevision, long revision, long version, int document, int start, int removed, string? text)
    {
        text ??= "";
        lock (_lock)
        {
            if (document is not (TextDocument or HtmlDocument) || (baseRevision >= 0 ? baseRevision != Revision : removed >= 0))
            {
                return ComposeEdit.OutOfSync;
            }

            var target = _documents[document];
            if (removed < 0 ? start != 0 : start < 0 || start > target.Length || removed > target.Length - start)
            {
                return ComposeEdit.OutOfSync;
            }

            if ((removed < 0 ? 0 : target.Length - removed) + text.Length > maxBodyCharacters)
            {
                return ComposeEdit.TooLarge;
            }

            if (removed < 0)
            {
                target.Clear().Append(text);
            }
            else
            {
                target.Remove(start, removed).Insert(start, text);
            }

            Revision = revision;
            _browserVersion = Math.Max(_browserVersion, version);
            _changes++;
            return ComposeEdit.Applied;
        }
    }

    /// <summary>True when this copy is exactly what the browser says it sent (revision, lengths, hashes).</summary>
    public bool Matches(ComposerFlush? flush)
    {
        if (flush is null || flush.Problem is not null)
        {
            return false;
        }

        string text, html;
        lock (_lock)
        {
            if (flush.Revision != Revision)
            {
                return false;
            }

            (text, html) = (_documents[TextDocument].ToString(), _documents[HtmlDocument].ToString());
        }

        return text.Length == flush.TextLength && html.Length == flush.HtmlLength
            && ComposeHash.Of(text) == flush.TextHash && ComposeHash.Of(html) == flush.HtmlHash;
    }

    /// <summary>The draft as it stands (HTML made safe by <paramref name="sanitize"/>) and the change count it reflects.</summary>
    public (Draft Draft, long Changes) Snapshot(Func<string, string?> sanitize)
    {
        Draft draft;
        long changes;
        string html;
        lock (_lock)
        {
            changes = _changes;
            html = Rich ? _documents[HtmlDocument].ToString() : "";
            draft = _saved with
            {
                From = _from,
                To = _to,
                Cc = _cc,
                Bcc = _bcc,
                Subject = _subject,
                RequestReadReceipt = RequestReadReceipt,
                TextBody = _documents[TextDocument].ToString(),
                HtmlBody = null,
                Attachments = [.. _attachments],
                ComposeId = id,
            };
        }

        return (Rich ? draft with { HtmlBody = sanitize(html) } : draft, changes);
    }

    /// <summary>The snapshot taken at <paramref name="changes"/> is now in Drafts at <paramref name="at"/>.</summary>
    public void MarkSaved(MessageRef at, long changes, DateTimeOffset when)
    {
        lock (_lock)
        {
            _saved = _saved with { SavedAs = at, SavedAt = when };
            _savedChanges = Math.Max(_savedChanges, changes);
        }
    }

    /// <summary>A send failed and the draft was kept at <paramref name="at"/>: a retry replaces and then removes it.</summary>
    public void KeptAt(MessageRef? at)
    {
        lock (_lock)
        {
            _saved = _saved with { SavedAs = at ?? _saved.SavedAs };
        }
    }

    /// <summary>Sent: the copy stops saving.</summary>
    public void Close()
    {
        lock (_lock)
        {
            Closed = true;
        }
    }

    /// <summary>Any change outside the body (fields, attachments).</summary>
    public void Touch()
    {
        lock (_lock)
        {
            _changes++;
        }
    }

    public void AddAttachment(DraftAttachment attachment)
    {
        lock (_lock)
        {
            _attachments.Add(attachment);
            _changes++;
        }
    }

    public void RemoveAttachment(DraftAttachment attachment)
    {
        lock (_lock)
        {
            _attachments.Remove(attachment);
            _changes++;
        }
    }

    /// <summary>Takes a beacon from this tab; false when it was ignored (another tab's, older than what is here, or sent already).</summary>
    public bool ApplyBeacon(ComposeBeacon beacon)
    {
        lock (_lock)
        {
            if (Closed || beacon.Instance != Instance || beacon.Version < _browserVersion)
            {
                return false;
            }

            (_from, _to, _cc, _bcc, _subject) = (beacon.From ?? _from, beacon.To ?? _to, beacon.Cc ?? _cc, beacon.Bcc ?? _bcc, beacon.Subject ?? _subject);
            if (beacon.BaseRevision == Revision && Fits(_documents[TextDocument], beacon.TextStart, beacon.TextRemoved) && Fits(_documents[HtmlDocument], beacon.HtmlStart, beacon.HtmlRemoved))
            {
                _documents[TextDocument].Remove(beacon.TextStart, beacon.TextRemoved).Insert(beacon.TextStart, beacon.TextInsert ?? "");
                _documents[HtmlDocument].Remove(beacon.HtmlStart, beacon.HtmlRemoved).Insert(beacon.HtmlStart, beacon.HtmlInsert ?? "");
            }
            else if (beacon.HasFull)
            {
                Replace(beacon.FullText ?? "", beacon.FullHtml ?? "", Rich);
            }

            // The browser does not know its edits landed: its next edit must not apply on top of them.
            Revision = -2;
            _browserVersion = beacon.Version;
            _changes++;
            return true;
        }
    }

    private static bool Fits(StringBuilder document, int start, int removed) =>
        start >= 0 && removed >= 0 && start <= document.Length && removed <= document.Length - start;

    private void Replace(string text, string html, bool rich)
    {
        _documents[TextDocument].Clear().Append(text);
        _documents[HtmlDocument].Clear().Append(html);
        Rich = rich;
    }

    private void Set(ref string field, string? value)
    {
        lock (_lock)
        {
            field = value ?? "";
        }
    }
}
