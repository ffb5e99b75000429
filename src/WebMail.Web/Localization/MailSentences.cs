using System.Globalization;
using Microsoft.Extensions.Localization;
using WebMail.Mail;
using WebMail.Mail.Model;
using WebMail.Mail.Sessions;

namespace WebMail.Web.Localization;

/// <summary>
/// The mail library's failures (<see cref="MailFailure"/>) in the user's language. The keys are the library's English
/// sentences (<see cref="MailFailure.Template"/>); what the server said stays as the server wrote it, and words the Web
/// layer handed to the library (a <see cref="MailFailureKind.Text"/> that is a key, such as the sign-in provider's outage) are translated.
/// </summary>
public static class MailSentences
{
    /// <summary>The sentence for any error shown to the user: a <see cref="MailException"/> in the user's language, else its message.</summary>
    public static string Of(Exception ex, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(ex);
        return ex is MailException mail ? Of(mail.Failure, l) : ex.Message;
    }

    public static string Of(MailFailure failure, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(l);
        var sentence = failure.Kind switch
        {
            MailFailureKind.Text => Words((string)failure.Values[0], l),
            MailFailureKind.Several => string.Join(" ", failure.Values.Select(v => Of((MailFailure)v, l))),
            _ => (Connection(failure, l) ?? SignIn(failure, l) ?? Items(failure, l) ?? Sending(failure, l) ?? Filters(failure, l) ?? Input(failure, l))?.Value ?? failure.English,
        };
        return failure.ServerSaid is { } said ? $"{sentence} {l["The server said: “{0}”", said]}" : sentence;
    }

    private static LocalizedString? Connection(MailFailure f, IStringLocalizer l) => f.Kind switch
    {
        MailFailureKind.ServerUnavailable => l["The mail server is unavailable at the moment. WebMail keeps trying; try again in a moment."],
        MailFailureKind.ConnectionLost => l["The connection to the mail server was lost. WebMail keeps trying; try again in a moment."],
        MailFailureKind.NotAnswering => l["The mail server did not answer within {0} seconds. WebMail keeps trying; try again in a moment.", Value(f, 0, l)],
        MailFailureKind.Refused => l["The mail server refused the request: {0}", Value(f, 0, l)],
        MailFailureKind.FolderGone => l["The folder {0} no longer exists.", Value(f, 0, l)],
        MailFailureKind.SignedOut => l["You have been signed out. Sign in again to continue."],
        MailFailureKind.ServerUnreachable => l["The mail server cannot be reached. Try again in a moment."],
        MailFailureKind.SecureConnectionFailed => l["A secure connection to the mail server could not be set up. Try again in a moment."],
        MailFailureKind.ClosedWhileSigningIn => l["The mail server closed the connection while signing in. Try again in a moment."],
        MailFailureKind.Certificate => Certificate((CertificateProblem)f.Values[0], (string)f.Values[1], l),
        _ => null,
    };

    private static LocalizedString? SignIn(MailFailure f, IStringLocalizer l) => f.Kind switch
    {
        MailFailureKind.PasswordsNeedEncryption => l["The mail server only accepts passwords over an encrypted connection, and WebMail connects to it without one. An administrator must set {0}:Security to StartTls or SslOnConnect.", Value(f, 0, l)],
        MailFailureKind.SignInNeedsEncryption => l["The mail server only accepts sign-in over an encrypted connection, and WebMail connects to it without one. An administrator must set {0}:Security to StartTls or SslOnConnect.", Value(f, 0, l)],
        MailFailureKind.NoOAuthMechanism => l["The mail server does not accept sign-in with your organisation's account (it offers neither OAUTHBEARER nor XOAUTH2). An administrator must enable one of them on the mail server."],
        MailFailureKind.SignInCheckUnavailable => l["The mail server cannot check sign-ins right now; try again in a moment."],
        MailFailureKind.ContactAdministrator => l["The mail server refused this account and asks you to contact your administrator."],
        MailFailureKind.Expired => l["Your password (or account) has expired on the mail server."],
        MailFailureKind.NotAuthorized => l["The mail server accepted who you are but will not open this mailbox for you."],
        MailFailureKind.InUse => l["The mail server refused because this account is in use elsewhere; try again in a moment."],
        MailFailureKind.TooManyAttempts => l["The mail server refused: too many connections or attempts for this account; try again later."],
        MailFailureKind.NotAllowedHere => l["The mail server does not allow this account to sign in here."],
        MailFailureKind.NoMailbox => l["The mail server did not accept your sign-in for {0}. The account may have no mailbox there.", Value(f, 0, l)],
        MailFailureKind.WrongPassword => l["The user name or password is incorrect."],
        _ => null,
    };

    private static LocalizedString? Items(MailFailure f, IStringLocalizer l) => f.Kind switch
    {
        MailFailureKind.MessageGone => l["This message no longer exists. It may have been moved or deleted in another window."],
        MailFailureKind.MessageGoneFolderChanged => l["This message no longer exists; the folder was changed on the server."],
        MailFailureKind.ConversationGone => l["This conversation no longer exists. It may have been moved or deleted in another window."],
        MailFailureKind.ConversationsReread => l["This folder was changed on the server; its conversations are read again."],
        MailFailureKind.FolderListReread => l["That folder no longer exists; the folder list has been read again."],
        MailFailureKind.SearchAgain => l["The folder was changed on the server; search again."],
        MailFailureKind.FolderChanged => l["The folder {0} was changed on the server.", Folder((string)f.Values[0], l)],
        MailFailureKind.AttachmentGone => l["This attachment no longer exists."],
        MailFailureKind.DraftGone => l["This draft no longer exists. It may have been sent or deleted in another window."],
        MailFailureKind.NoRoleFolder => l["This mailbox has no {0} folder.", LocalFolderNames.Role((FolderRole)f.Values[0], l)],
        MailFailureKind.ArchiveNotCreated => l["The mail server did not create the Archive folder."],
        MailFailureKind.ArchiveYearNotCreated => l["The mail server did not create the folder {0} in the archive.", Value(f, 0, l)],
        MailFailureKind.DraftNotLocated => l["The mail server saved the draft without saying where (no UIDPLUS)."],
        MailFailureKind.CreateFolderRefused => l["The mail server would not create “{0}”: {1}", Value(f, 0, l), Value(f, 1, l)],
        MailFailureKind.RenameFolderRefused => l["The mail server would not rename “{0}”: {1}", Value(f, 0, l), Value(f, 1, l)],
        MailFailureKind.MoveFolderRefused => l["The mail server would not move “{0}”: {1}", Value(f, 0, l), Value(f, 1, l)],
        MailFailureKind.DeleteFolderRefused => l["The mail server would not delete “{0}”: {1}", Value(f, 0, l), Value(f, 1, l)],
        MailFailureKind.FolderUseRefused => l["The mail server would not change the use of “{0}”: {1}", Value(f, 0, l), Value(f, 1, l)],
        MailFailureKind.Stopped => l["the action was stopped before the end."],
        MailFailureKind.AnswerNotKept => l["The server did not keep your answer on the message."],
        _ => null,
    };

    private static LocalizedString? Sending(MailFailure f, IStringLocalizer l) => f.Kind switch
    {
        MailFailureKind.SendSignInRefused => l["The outgoing mail server did not accept your sign-in. Your message was not sent."],
        MailFailureKind.SendUnreachable => l["The outgoing mail server cannot be reached. Your message was not sent."],
        MailFailureKind.SenderRefused => l["The mail server refused to send this as {0}: {1}", Value(f, 0, l), Value(f, 1, l)],
        MailFailureKind.MessageRefused => l["The outgoing mail server refused the message: {0}", Value(f, 0, l)],
        MailFailureKind.NotSent => l["{0} Your message was not sent.", Value(f, 0, l)],
        MailFailureKind.NotFiled => l["A copy could not be filed in Sent. {0}", Value(f, 0, l)],
        MailFailureKind.AnswerNotFiled => l["Your answer was sent, but a copy could not be filed in Sent. {0}", Value(f, 0, l)],
        _ => null,
    };

    private static LocalizedString? Input(MailFailure f, IStringLocalizer l) => f.Kind switch
    {
        MailFailureKind.SenderInvalid => l["The sender address \"{0}\" is not valid.", Value(f, 0, l)],
        MailFailureKind.AddressInvalid => l["This address is not valid: {0}.", Value(f, 0, l)],
        MailFailureKind.AddressesInvalid => l["These addresses are not valid: {0}.", Value(f, 0, l)],
        MailFailureKind.NoRecipient => l["Add at least one recipient."],
        MailFailureKind.TooManyRecipients => l["A message can have at most {0} recipients; this one has {1}.", Value(f, 0, l), Value(f, 1, l)],
        MailFailureKind.SearchNeedsValue => l["{0}: needs a value right after the colon, like {1}.", Value(f, 0, l), Value(f, 1, l)],
        MailFailureKind.SearchUnknownHas => l["has:{0} is not known: has:attachment is.", Value(f, 0, l)],
        MailFailureKind.SearchUnknownIs => l["is:{0} is not known: use is:unread, is:read, is:flagged or is:answered.", Value(f, 0, l)],
        MailFailureKind.SearchUnknownOperator => l["\"{0}:\" is not a search operator. Use {1}; or put the text in quotes to search for it as it is.", Value(f, 0, l), Value(f, 1, l)],
        MailFailureKind.SearchBadDate => l["\"{0}\" is not a date {1}: understands: write it like {1}:2024-05-31 or {1}:2024/05/31.", Value(f, 0, l), Value(f, 1, l)],
        MailFailureKind.SearchBadAge => l["\"{0}\" is not an age {1}: understands: write a number and d, w, m or y, like {1}:3d, {1}:2w, {1}:6m or {1}:1y.", Value(f, 0, l), Value(f, 1, l)],
        MailFailureKind.SearchBadSize => l["\"{0}\" is not a size {1}: understands: write it like {1}:500k, {1}:2M or a number of bytes (under 2G).", Value(f, 0, l), Value(f, 1, l)],
        MailFailureKind.SearchBadLabel => l["\"{0}\" cannot be a label on this server: labels (IMAP keywords) are plain ASCII letters, digits and signs like - _ . $, without spaces.", Value(f, 0, l)],
        MailFailureKind.SearchOpenQuote => l["A quotation mark is not closed: add the closing \" (or remove the opening one)."],
        MailFailureKind.SearchTooLong => l["The search is too long: keep it under {0} characters.", Value(f, 0, l)],
        MailFailureKind.SearchUnopenedParen => l["A closing parenthesis has no opening one: remove it or add the \"(\"."],
        MailFailureKind.SearchInTwice => l["Use in: once: a search looks in one folder or in all folders."],
        MailFailureKind.SearchInNegated => l["in: chooses where to search: it cannot be negated, nor used inside OR or parentheses."],
        MailFailureKind.SearchOrNeedsTerms => l["OR needs a term on each side, like: from:alice OR from:bob."],
        MailFailureKind.SearchTooDeep => l["The search nests too deeply: use fewer parentheses."],
        MailFailureKind.SearchMinusAlone => l["A minus sign must stand right before what it excludes, like -from:alice."],
        MailFailureKind.SearchUnclosedParen => l["A parenthesis is not closed: add the \")\"."],
        MailFailureKind.SearchEmptyParens => l["Empty parentheses: put a search term between them, or remove them."],
        MailFailureKind.SearchNoFolder => l["There is no folder called \"{0}\": check the name after in:.", Value(f, 0, l)],
        MailFailureKind.SearchNoFolderAll => l["There is no folder called \"{0}\": check the name after in: (in:all searches every folder).", Value(f, 0, l)],
        _ => null,
    };

    private static LocalizedString? Filters(MailFailure f, IStringLocalizer l) => f.Kind switch
    {
        MailFailureKind.FilterRefused => l["The filter server refused {0}: {1}", Value(f, 0, l), Value(f, 1, l)],
        MailFailureKind.FilterMechanismMissing => l["The filter server {0} does not offer {1} login (it offers {2}).", Value(f, 0, l), Value(f, 1, l), Value(f, 2, l)],
        MailFailureKind.FilterPasswordRefused => l["The filter server refused the user name and password."],
        MailFailureKind.FilterTokenRefused => l["The filter server refused the sign-in token."],
        MailFailureKind.FilterEnded => l["The filter server {0} ended the connection during {1}: {2}", Value(f, 0, l), Value(f, 1, l), Value(f, 2, l)],
        MailFailureKind.FilterNoStartTls => l["The filter server {0} does not offer STARTTLS, which WebMail:Sieve:Security requires.", Value(f, 0, l)],
        MailFailureKind.FilterConnectionLost => l["The connection to the filter server {0} was lost; connect again.", Value(f, 0, l)],
        MailFailureKind.FilterNotAnswering => l["The filter server {0} did not answer {1} within {2} s.", Value(f, 0, l), Value(f, 1, l), Value(f, 2, l)],
        MailFailureKind.FilterClosed => l["The filter server {0} closed the connection during {1}.", Value(f, 0, l), Value(f, 1, l)],
        MailFailureKind.FilterUnreachable => l["The filter server {0} could not be reached during {1}.", Value(f, 0, l), Value(f, 1, l)],
        MailFailureKind.FilterSignedOut => l["You are signed out. Sign in again to change your filters."],
        _ => null,
    };

    /// <summary>"The mail server's certificate has expired." for the mail, outgoing mail or filter server.</summary>
    private static LocalizedString Certificate(CertificateProblem problem, string server, IStringLocalizer l)
    {
        string who = server switch
        {
            "outgoing mail server" => l["outgoing mail server"],
            "filter server" => l["filter server"],
            _ => l["mail server"],
        };
        return problem switch
        {
            CertificateProblem.Missing => l["The {0} sent no certificate, so the connection is not secure.", who],
            CertificateProblem.WrongHost => l["The {0}'s certificate is for another host name.", who],
            CertificateProblem.Expired => l["The {0}'s certificate has expired.", who],
            CertificateProblem.NotYetValid => l["The {0}'s certificate is not valid yet.", who],
            CertificateProblem.Revoked => l["The {0}'s certificate has been revoked.", who],
            CertificateProblem.SelfSigned => l["The {0}'s certificate is not trusted: self-signed.", who],
            CertificateProblem.UnknownIssuer => l["The {0}'s certificate is not trusted: its issuer is unknown.", who],
            _ => l["The {0}'s certificate is not trusted.", who],
        };
    }

    /// <summary>A value as the user reads it: another failure in their language, a number in their culture, else the text as it is.</summary>
    private static string Value(MailFailure f, int index, IStringLocalizer l) => f.Values[index] switch
    {
        MailFailure inner => Of(inner, l),
        IFormattable number => number.ToString(null, CultureInfo.CurrentCulture),
        var other => other.ToString() ?? "",
    };

    /// <summary>Words handed over as they are: translated when they are one of the app's own sentences, else verbatim.</summary>
    private static string Words(string words, IStringLocalizer l) => words.Length == 0 ? words : l[words].Value;

    /// <summary>A folder as the user knows it: the inbox in their language, else its path.</summary>
    internal static string Folder(string path, IStringLocalizer l) =>
        path.Equals("INBOX", StringComparison.OrdinalIgnoreCase) ? LocalFolderNames.Role(FolderRole.Inbox, l) : path;
}
