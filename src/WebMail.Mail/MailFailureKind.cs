namespace WebMail.Mail;

/// <summary>
/// What went wrong, as a kind the Web layer words in the user's language (<see cref="MailFailure"/> carries the values).
/// The English sentence of each kind is in <see cref="MailFailure.Template"/>.
/// </summary>
public enum MailFailureKind
{
    /// <summary>Words that are not ours to translate: the server's own, or a sentence the caller already worded.</summary>
    Text,

    // The connection.
    ServerUnavailable,
    ConnectionLost,
    NotAnswering,
    Refused,
    FolderGone,
    SignedOut,
    ServerUnreachable,
    SecureConnectionFailed,
    ClosedWhileSigningIn,
    Certificate,

    // Sign-in refusals (RFC 5530 response codes and configuration).
    PasswordsNeedEncryption,
    SignInNeedsEncryption,
    NoOAuthMechanism,
    SignInCheckUnavailable,
    ContactAdministrator,
    Expired,
    NotAuthorized,
    InUse,
    TooManyAttempts,
    NotAllowedHere,
    NoMailbox,
    WrongPassword,

    // Messages, folders and drafts that changed or went away.
    MessageGone,
    MessageGoneFolderChanged,
    ConversationGone,
    ConversationsReread,
    FolderListReread,
    SearchAgain,
    FolderChanged,
    AttachmentGone,
    DraftGone,
    NoRoleFolder,
    ArchiveNotCreated,
    ArchiveYearNotCreated,
    DraftNotLocated,
    CreateFolderRefused,
    RenameFolderRefused,
    MoveFolderRefused,
    DeleteFolderRefused,
    FolderUseRefused,
    Stopped,
    AnswerNotKept,

    // Sending.
    SendSignInRefused,
    SendUnreachable,
    SenderRefused,
    MessageRefused,
    NotSent,
    NotFiled,
    AnswerNotFiled,

    // The filter server (ManageSieve).
    FilterRefused,
    FilterMechanismMissing,
    FilterPasswordRefused,
    FilterTokenRefused,
    FilterEnded,
    FilterNoStartTls,
    FilterConnectionLost,
    FilterNotAnswering,
    FilterClosed,
    FilterUnreachable,
    FilterSignedOut,

    // A draft's addresses.
    Several,
    SenderInvalid,
    AddressInvalid,
    AddressesInvalid,
    NoRecipient,
    TooManyRecipients,

    // Search words that could not be understood.
    SearchNeedsValue,
    SearchUnknownHas,
    SearchUnknownIs,
    SearchUnknownOperator,
    SearchBadDate,
    SearchBadAge,
    SearchBadSize,
    SearchBadLabel,
    SearchOpenQuote,
    SearchTooLong,
    SearchUnopenedParen,
    SearchInTwice,
    SearchInNegated,
    SearchOrNeedsTerms,
    SearchTooDeep,
    SearchMinusAlone,
    SearchUnclosedParen,
    SearchEmptyParens,
    SearchNoFolder,
    SearchNoFolderAll,
}
