using MailKit;

namespace WebMail.Mail.Sessions;

/// <summary>What the connection tells its watcher.</summary>
internal interface IConnectionObserver
{
    /// <summary>A command wants the connection: leave IDLE.</summary>
    void Wake();

    /// <summary>A command finished: the watcher may take the connection again.</summary>
    void CommandFinished();

    /// <summary>A folder became the selected one (handlers move to it).</summary>
    void Selected(IMailFolder folder, IMailFolder? previous);

    /// <summary>The connection was closed; per-connection state (NOTIFY) is gone.</summary>
    void Dropped();
}
