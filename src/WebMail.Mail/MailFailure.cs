using System.Globalization;
using WebMail.Mail.Model;
using WebMail.Mail.Sessions;

namespace WebMail.Mail;

/// <summary>
/// A failure as data: its kind and its values (a folder, seconds, the server's own words, or another failure), so the
/// Web layer can say it in the user's language; <see cref="English"/> is the sentence for logs, tests and English pages.
/// Server-provided text stays as the server wrote it, inside the sentence of its kind.
/// </summary>
public sealed class MailFailure
{
    private MailFailure(MailFailureKind kind, object[] values, string? serverSaid = null) => (Kind, Values, ServerSaid) = (kind, values, serverSaid);

    public MailFailureKind Kind { get; }

    /// <summary>The values of the kind's sentence, in the order of its placeholders (strings, numbers, <see cref="FolderRole"/>, <see cref="CertificateProblem"/>, <see cref="MailFailure"/>).</summary>
    public IReadOnlyList<object> Values { get; }

    /// <summary>The server's words, said after the sentence ("The server said: “…”"), if any.</summary>
    public string? ServerSaid { get; }

    /// <summary>The sentence in English.</summary>
    public string English
    {
        get
        {
            var sentence = Kind switch
            {
                MailFailureKind.Text => (string)Values[0],
                MailFailureKind.FolderChanged => string.Format(CultureInfo.InvariantCulture, Template(Kind), Actions.BulkText.Folder((string)Values[0])),
                MailFailureKind.Several => string.Join(" ", Values.Select(v => ((MailFailure)v).English)),
                MailFailureKind.Certificate => ServerCertificateCheck.Describe((CertificateProblem)Values[0], (string)Values[1]),
                _ => string.Format(CultureInfo.InvariantCulture, Template(Kind), [.. Values]),
            };
            return ServerSaid is null ? sentence : $"{sentence} The server said: “{ServerSaid}”";
        }
    }

    /// <summary>Words that are not ours to translate (the server's own, or a sentence already worded by the caller).</summary>
    public static MailFailure Text(string words) => new(MailFailureKind.Text, [words]);

    public static MailFailure Of(MailFailureKind kind, params object[] values) => new(kind, values);

    /// <summary>A sign-in refusal with the server's own words after it, when it gave any.</summary>
    public static MailFailure SignInRefused(MailFailureKind kind, string? serverSaid) =>
        new(kind, [], string.IsNullOrWhiteSpace(serverSaid) ? null : serverSaid.Trim());

    public static MailFailure NotAnswering(int seconds) => new(MailFailureKind.NotAnswering, [seconds]);

    public static MailFailure Refused(string? serverText) => new(MailFailureKind.Refused, [serverText ?? ""]);

    public static MailFailure FolderGone(string folder) => new(MailFailureKind.FolderGone, [folder]);

    public static MailFailure FolderChanged(string folder) => new(MailFailureKind.FolderChanged, [folder]);

    /// <param name="server">"mail server", "outgoing mail server" or "filter server".</param>
    public static MailFailure Certificate(CertificateProblem problem, string server) => new(MailFailureKind.Certificate, [problem, server]);

    /// <summary>"… Your message was not sent."</summary>
    public static MailFailure NotSent(MailFailure why) => new(MailFailureKind.NotSent, [why]);

    /// <summary>"A copy could not be filed in Sent. …"</summary>
    public static MailFailure NotFiled(MailFailure why) => new(MailFailureKind.NotFiled, [why]);

    /// <summary>Several failures said one after the other.</summary>
    public static MailFailure Several(IEnumerable<MailFailure> failures) => new(MailFailureKind.Several, [.. failures]);

    public static implicit operator MailFailure(MailFailureKind kind) => new(kind, []);

    public static implicit operator MailFailure(string words) => Text(words);

    public override string ToString() => English;

    /// <summary>The English sentence of a kind, with its placeholders; the Web layer's keys are these very sentences.</summary>
    public static string Template(MailFailureKind kind) => kind switch
    {
        MailFailureKind.ServerUnavailable => "The mail server is unavailable at the moment. WebMail keeps trying; try again in a moment.",
        MailFailureKind.ConnectionLost => "The connection to the mail server was lost. WebMail keeps trying; try again in a moment.",
        MailFailureKind.NotAnswering => "The mail server did not answer within {0} seconds. WebMail keeps trying; try again in a moment.",
        MailFailureKind.Refused => "The mail server refused the request: {0}",
        MailFailureKind.FolderGone => "The folder {0} no longer exists.",
        MailFailureKind.SignedOut => "You have been signed out. Sign in again to continue.",
        MailFailureKind.ServerUnreachable => "The mail server cannot be reached. Try again in a moment.",
        MailFailureKind.SecureConnectionFailed => "A secure connection to the mail server could not be set up. Try again in a moment.",
        MailFailureKind.ClosedWhileSigningIn => "The mail server closed the connection while signing in. Try again in a moment.",
        _ => SignInTemplate(kind) ?? ItemTemplate(kind) ?? SendingTemplate(kind) ?? FilterTemplate(kind) ?? InputTemplate(kind) ?? "{0}",
    };

    private static string? SignInTemplate(MailFailureKind kind) => kind switch
    {
        MailFailureKind.PasswordsNeedEncryption => "The mail server only accepts passwords over an encrypted connection, and WebMail connects to it without one. An administrator must set {0}:Security to StartTls or SslOnConnect.",
        MailFailureKind.SignInNeedsEncryption => "The mail server only accepts sign-in over an encrypted connection, and WebMail connects to it without one. An administrator must set {0}:Security to StartTls or SslOnConnect.",
        MailFailureKind.NoOAuthMechanism => "The mail server does not accept sign-in with your organisation's account (it offers neither OAUTHBEARER nor XOAUTH2). An administrator must enable one of them on the mail server.",
        MailFailureKind.SignInCheckUnavailable => "The mail server cannot check sign-ins right now; try again in a moment.",
        MailFailureKind.ContactAdministrator => "The mail server refused this account and asks you to contact your administrator.",
        MailFailureKind.Expired => "Your password (or account) has expired on the mail server.",
        MailFailureKind.NotAuthorized => "The mail server accepted who you are but will not open this mailbox for you.",
        MailFailureKind.InUse => "The mail server refused because this account is in use elsewhere; try again in a moment.",
        MailFailureKind.TooManyAttempts => "The mail server refused: too many connections or attempts for this account; try again later.",
        MailFailureKind.NotAllowedHere => "The mail server does not allow this account to sign in here.",
        MailFailureKind.NoMailbox => "The mail server did not accept your sign-in for {0}. The account may have no mailbox there.",
        MailFailureKind.WrongPassword => "The user name or password is incorrect.",
        _ => null,
    };

    private static string? ItemTemplate(MailFailureKind kind) => kind switch
    {
        MailFailureKind.MessageGone => "This message no longer exists. It may have been moved or deleted in another window.",
        MailFailureKind.MessageGoneFolderChanged => "This message no longer exists; the folder was changed on the server.",
        MailFailureKind.ConversationGone => "This conversation no longer exists. It may have been moved or deleted in another window.",
        MailFailureKind.ConversationsReread => "This folder was changed on the server; its conversations are read again.",
        MailFailureKind.FolderListReread => "That folder no longer exists; the folder list has been read again.",
        MailFailureKind.SearchAgain => "The folder was changed on the server; search again.",
        MailFailureKind.FolderChanged => "The folder {0} was changed on the server.",
        MailFailureKind.AttachmentGone => "This attachment no longer exists.",
        MailFailureKind.DraftGone => "This draft no longer exists. It may have been sent or deleted in another window.",
        MailFailureKind.NoRoleFolder => "This mailbox has no {0} folder.",
        MailFailureKind.ArchiveNotCreated => "The mail server did not create the Archive folder.",
        MailFailureKind.ArchiveYearNotCreated => "The mail server did not create the folder {0} in the archive.",
        MailFailureKind.DraftNotLocated => "The mail server saved the draft without saying where (no UIDPLUS).",
        MailFailureKind.CreateFolderRefused => "The mail server would not create “{0}”: {1}",
        MailFailureKind.RenameFolderRefused => "The mail server would not rename “{0}”: {1}",
        MailFailureKind.MoveFolderRefused => "The mail server would not move “{0}”: {1}",
        MailFailureKind.DeleteFolderRefused => "The mail server would not delete “{0}”: {1}",
        MailFailureKind.FolderUseRefused => "The mail server would not change the use of “{0}”: {1}",
        MailFailureKind.Stopped => "the action was stopped before the end.",
        MailFailureKind.AnswerNotKept => "The server did not keep your answer on the message.",
        _ => null,
    };

    private static string? SendingTemplate(MailFailureKind kind) => kind switch
    {
        MailFailureKind.SendSignInRefused => "The outgoing mail server did not accept your sign-in. Your message was not sent.",
        MailFailureKind.SendUnreachable => "The outgoing mail server cannot be reached. Your message was not sent.",
        MailFailureKind.SenderRefused => "The mail server refused to send this as {0}: {1}",
        MailFailureKind.MessageRefused => "The outgoing mail server refused the message: {0}",
        MailFailureKind.NotSent => "{0} Your message was not sent.",
        MailFailureKind.NotFiled => "A copy could not be filed in Sent. {0}",
        MailFailureKind.AnswerNotFiled => "Your answer was sent, but a copy could not be filed in Sent. {0}",
        _ => null,
    };

    private static string? InputTemplate(MailFailureKind kind) => kind switch
    {
        MailFailureKind.SenderInvalid => "The sender address \"{0}\" is not valid.",
        MailFailureKind.AddressInvalid => "This address is not valid: {0}.",
        MailFailureKind.AddressesInvalid => "These addresses are not valid: {0}.",
        MailFailureKind.NoRecipient => "Add at least one recipient.",
        MailFailureKind.TooManyRecipients => "A message can have at most {0} recipients; this one has {1}.",
        MailFailureKind.SearchNeedsValue => "{0}: needs a value right after the colon, like {1}.",
        MailFailureKind.SearchUnknownHas => "has:{0} is not known: has:attachment is.",
        MailFailureKind.SearchUnknownIs => "is:{0} is not known: use is:unread, is:read, is:flagged or is:answered.",
        MailFailureKind.SearchUnknownOperator => "\"{0}:\" is not a search operator. Use {1}; or put the text in quotes to search for it as it is.",
        MailFailureKind.SearchBadDate => "\"{0}\" is not a date {1}: understands: write it like {1}:2024-05-31 or {1}:2024/05/31.",
        MailFailureKind.SearchBadAge => "\"{0}\" is not an age {1}: understands: write a number and d, w, m or y, like {1}:3d, {1}:2w, {1}:6m or {1}:1y.",
        MailFailureKind.SearchBadSize => "\"{0}\" is not a size {1}: understands: write it like {1}:500k, {1}:2M or a number of bytes (under 2G).",
        MailFailureKind.SearchBadLabel => "\"{0}\" cannot be a label on this server: labels (IMAP keywords) are plain ASCII letters, digits and signs like - _ . $, without spaces.",
        MailFailureKind.SearchTooLong => "The search is too long: keep it under {0} characters.",
        MailFailureKind.SearchUnopenedParen => "A closing parenthesis has no opening one: remove it or add the \"(\".",
        MailFailureKind.SearchInTwice => "Use in: once: a search looks in one folder or in all folders.",
        MailFailureKind.SearchInNegated => "in: chooses where to search: it cannot be negated, nor used inside OR or parentheses.",
        MailFailureKind.SearchOrNeedsTerms => "OR needs a term on each side, like: from:alice OR from:bob.",
        MailFailureKind.SearchTooDeep => "The search nests too deeply: use fewer parentheses.",
        MailFailureKind.SearchMinusAlone => "A minus sign must stand right before what it excludes, like -from:alice.",
        MailFailureKind.SearchUnclosedParen => "A parenthesis is not closed: add the \")\".",
        MailFailureKind.SearchEmptyParens => "Empty parentheses: put a search term between them, or remove them.",
        MailFailureKind.SearchNoFolder => "There is no folder called \"{0}\": check the name after in:.",
        MailFailureKind.SearchNoFolderAll => "There is no folder called \"{0}\": check the name after in: (in:all searches every folder).",
        MailFailureKind.SearchOpenQuote => "A quotation mark is not closed: add the closing \" (or remove the opening one).",
        _ => null,
    };

    private static string? FilterTemplate(MailFailureKind kind) => kind switch
    {
        MailFailureKind.FilterRefused => "The filter server refused {0}: {1}",
        MailFailureKind.FilterMechanismMissing => "The filter server {0} does not offer {1} login (it offers {2}).",
        MailFailureKind.FilterPasswordRefused => "The filter server refused the user name and password.",
        MailFailureKind.FilterTokenRefused => "The filter server refused the sign-in token.",
        MailFailureKind.FilterEnded => "The filter server {0} ended the connection during {1}: {2}",
        MailFailureKind.FilterNoStartTls => "The filter server {0} does not offer STARTTLS, which WebMail:Sieve:Security requires.",
        MailFailureKind.FilterConnectionLost => "The connection to the filter server {0} was lost; connect again.",
        MailFailureKind.FilterNotAnswering => "The filter server {0} did not answer {1} within {2} s.",
        MailFailureKind.FilterClosed => "The filter server {0} closed the connection during {1}.",
        MailFailureKind.FilterUnreachable => "The filter server {0} could not be reached during {1}.",
        MailFailureKind.FilterSignedOut => "You are signed out. Sign in again to change your filters.",
        _ => null,
    };
}
