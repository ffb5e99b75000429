using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using Microsoft.Extensions.Logging;

namespace WebMail.Mail.Sessions;

/// <summary>How the connection tells a lost connection and a silent server apart, what the user is told then, and what is logged.</summary>
public sealed partial class MailConnection
{
    internal static bool IsConnectionLoss(Exception ex) =>
        ex is ImapProtocolException or IOException or SocketException or ServiceNotConnectedException or ServiceNotAuthenticatedException or TimeoutException;

    private static bool IsTimeout(Exception ex) => ex is TimeoutException || ex.InnerException is TimeoutException || (ex is IOException && ex.InnerException is SocketException { SocketErrorCode: SocketError.TimedOut });

    private MailUnavailableException NotAnswering() =>
        new(MailFailure.NotAnswering((int)CommandTimeout.TotalSeconds));

    [LoggerMessage(Level = LogLevel.Warning, Message = "IMAP connection lost ({Error}); reconnecting")]
    private static partial void LogConnectionLost(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The IMAP server did not answer in time ({What}); the connection is dropped and retried")]
    private static partial void LogTimedOut(ILogger logger, string what);

    [LoggerMessage(Level = LogLevel.Information, Message = "IMAP connection re-established")]
    private static partial void LogReconnected(ILogger logger);
}
