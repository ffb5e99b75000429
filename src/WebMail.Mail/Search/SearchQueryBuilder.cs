using MailKit.Search;
using WebMail.Mail.Model;

namespace WebMail.Mail.Search;

/// <summary>
/// Turns a parsed search and the list's filters into one IMAP SEARCH key (MailKit sends CHARSET UTF-8 when a value is
/// not ASCII). Free text is <c>OR FROM TO CC SUBJECT BODY</c> rather than TEXT, which also matches every other header
/// (Received, DKIM …) and so finds mail that shows nothing of the word.
/// <para>
/// Attachments: IMAP has no key for them. We ask for the keyword <c>$HasAttachment</c>, which Dovecot sets when a
/// message is saved with <c>mail_attachment_detection_options = add-flags</c> (see deploy/mailstack/dovecot.conf.in),
/// or, for mail saved before that (or on servers without it), a <c>Content-Type: multipart/mixed</c> header not marked
/// <c>$HasNoAttachment</c>. That second half is a guess servers can answer: a multipart/mixed message usually carries
/// a file, and one that does not is rare.
/// </para>
/// </summary>
internal static class SearchQueryBuilder
{
    internal const string HasAttachmentKeyword = "$HasAttachment";
    internal const string HasNoAttachmentKeyword = "$HasNoAttachment";

    public static SearchQuery Build(SearchTerm? condition, ListFilter filter)
    {
        var parts = new List<SearchQuery>();
        if (condition is not null)
        {
            parts.Add(Build(condition));
        }

        if (filter.HasFlag(ListFilter.Unread))
        {
            parts.Add(SearchQuery.NotSeen);
        }

        if (filter.HasFlag(ListFilter.Flagged))
        {
            parts.Add(SearchQuery.Flagged);
        }

        if (filter.HasFlag(ListFilter.Attachments))
        {
            parts.Add(Attachment);
        }

        return parts.Count == 0 ? SearchQuery.All : And(parts);
    }

    internal static SearchQuery Attachment =>
        SearchQuery.HasKeyword(HasAttachmentKeyword).Or(
            SearchQuery.NotKeyword(HasNoAttachmentKeyword).And(SearchQuery.HeaderContains("Content-Type", "multipart/mixed")));

    private static SearchQuery Build(SearchTerm term) => term switch
    {
        TextTerm t => Text(t.Field, t.Text),
        StateTerm s => s.State switch
        {
            MessageState.Unread => SearchQuery.NotSeen,
            MessageState.Read => SearchQuery.Seen,
            MessageState.Flagged => SearchQuery.Flagged,
            _ => SearchQuery.Answered,
        },
        AttachmentTerm => Attachment,
        DateTerm d => d.Before
            ? SearchQuery.SentBefore(d.Date.ToDateTime(TimeOnly.MinValue))
            : SearchQuery.SentSince(d.Date.ToDateTime(TimeOnly.MinValue)),
        SizeTerm s => s.Larger ? SearchQuery.LargerThan((int)s.Bytes) : SearchQuery.SmallerThan((int)s.Bytes),
        KeywordTerm k => SearchQuery.HasKeyword(k.Keyword),
        NotTerm n => SearchQuery.Not(Build(n.Term)),
        AndTerm a => And(a.Terms.Select(Build).ToList()),
        OrTerm o => o.Terms.Select(Build).Aggregate(SearchQuery.Or),
        _ => throw new ArgumentOutOfRangeException(nameof(term), term.GetType().Name, "Unknown search term."),
    };

    private static SearchQuery Text(TextField field, string text) => field switch
    {
        TextField.From => SearchQuery.FromContains(text),
        TextField.To => SearchQuery.ToContains(text),
        TextField.Cc => SearchQuery.CcContains(text),
        TextField.Subject => SearchQuery.SubjectContains(text),
        TextField.Body => SearchQuery.BodyContains(text),
        _ => SearchQuery.FromContains(text).Or(SearchQuery.ToContains(text)).Or(SearchQuery.CcContains(text))
            .Or(SearchQuery.SubjectContains(text)).Or(SearchQuery.BodyContains(text)),
    };

    private static SearchQuery And(IReadOnlyList<SearchQuery> parts) => parts.Count == 1 ? parts[0] : parts.Aggregate(SearchQuery.And);
}
