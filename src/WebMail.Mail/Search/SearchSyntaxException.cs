namespace WebMail.Mail.Search;

/// <summary>
/// The search text could not be understood (an unknown operator, a bad date, a quotation mark not closed …). The
/// message is a sentence for the user saying what to change; the search is never sent to the server in that case.
/// </summary>
public sealed class SearchSyntaxException(MailFailure failure) : MailException(failure);
