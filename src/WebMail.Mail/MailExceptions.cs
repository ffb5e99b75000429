namespace WebMail.Mail;

/// <summary>Base of the errors WebMail.Mail reports; each carries a sentence fit to show a user.</summary>
public abstract class MailException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The server refused the user name and password (or token).</summary>
public sealed class MailAuthenticationException(string message, Exception? inner = null) : MailException(message, inner);

/// <summary>The mail server cannot be reached or dropped the connection and did not come back.</summary>
public sealed class MailUnavailableException(string message, Exception? inner = null) : MailException(message, inner);

/// <summary>The server understood the command and refused it; the message is the server's reason.</summary>
public sealed class MailCommandException(string message, Exception? inner = null) : MailException(message, inner);

/// <summary>The folder or message no longer exists (deleted elsewhere, or the folder was recreated).</summary>
public sealed class MailItemNotFoundException(string message) : MailException(message);

/// <summary>The user is not signed in any more (signed out in another tab, or the app restarted).</summary>
public sealed class MailSignedOutException(string message) : MailException(message);

/// <summary>The server's TLS certificate was refused (not trusted, expired, for another host name); the message names the problem.</summary>
public sealed class MailCertificateException(string message, Exception? inner = null) : MailException(message, inner);
