using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;

namespace WebMail.Mail.Sessions;

/// <summary>How the connection tells a lost connection and a silent server apart, and what the user is told then.</summary>
public sealed partial class MailConnection
{
    internal static bool IsConnectionLoss(Exception ex) =>
        ex is ImapProtocolException or IOException or SocketException or ServiceNotConnectedException or ServiceNotAuthenticatedException or TimeoutException;

    private static bool IsTimeout(Exception ex) => ex is TimeoutException || ex.InnerException is TimeoutException || (ex is IOException && ex.InnerException is SocketException { SocketErrorCode: SocketError.TimedOut });

    private MailUnavailableException NotAnswering() =>
        new(MailFailure.NotAnswering((int)CommandTimeout.TotalSeconds));
}
