namespace WebMail.Mail;

/// <summary>
/// Base of the errors WebMail.Mail reports; each carries a sentence fit to show a user, in English as
/// <see cref="Exception.Message"/> and as data in <see cref="Failure"/> (which the Web layer words in the user's language).
/// </summary>
public abstract class MailException(MailFailure failure, Exception? inner = null) : Exception(failure.English, inner)
{
    /// <summary>What went wrong, as a kind and its values.</summary>
    public MailFailure Failure { get; } = failure;
}

/// <summary>The server refused the user name and password (or token).</summary>
public sealed class MailAuthenticationException(MailFailure failure, Exception? inner = null) : MailException(failure, inner);

/// <summary>The mail server cannot be reached or dropped the connection and did not come back.</summary>
public sealed class MailUnavailableException(MailFailure failure, Exception? inner = null) : MailException(failure, inner);

/// <summary>The server understood the command and refused it; the message is the server's reason.</summary>
public sealed class MailCommandException(MailFailure failure, Exception? inner = null) : MailException(failure, inner);

/// <summary>The folder or message no longer exists (deleted elsewhere, or the folder was recreated).</summary>
public sealed class MailItemNotFoundException(MailFailure failure) : MailException(failure);

/// <summary>The user is not signed in any more (signed out in another tab, or the app restarted).</summary>
public sealed class MailSignedOutException(MailFailure failure) : MailException(failure);

/// <summary>The server's TLS certificate was refused (not trusted, expired, for another host name); the message names the problem.</summary>
public sealed class MailCertificateException(MailFailure failure, Exception? inner = null) : MailException(failure, inner);
