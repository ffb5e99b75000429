using WebMail.Mail.Model;

namespace WebMail.Mail.Compose;

/// <summary>What became of a message the user sent.</summary>
public enum SendOutcome
{
    /// <summary>The server accepted it and a copy was filed in Sent (or filing is the server's job).</summary>
    Sent,

    /// <summary>The server accepted it, but filing the copy in Sent failed; the draft was still removed.</summary>
    SentNotFiled,

    /// <summary>The server did not accept it; the draft is kept in Drafts.</summary>
    NotSent,
}

/// <summary>
/// The outcome of a send. After the submission server accepted the message it is never reported as
/// "not sent", whatever happens to the Sent copy or the draft afterwards.
/// </summary>
/// <param name="Outcome">Sent, sent but not filed, or not sent.</param>
/// <param name="Failure">The reason, as data the Web layer words for the user (null when all went well).</param>
/// <param name="KeptAs">For <see cref="SendOutcome.NotSent"/>: where the draft is now kept, so a retry replaces and then removes it.</param>
public sealed record SendResult(SendOutcome Outcome, MailFailure? Failure = null, MessageRef? KeptAs = null)
{
    /// <summary>The reason in English (null when all went well).</summary>
    public string? Reason => Failure?.English;

    public static SendResult Sent { get; } = new(SendOutcome.Sent);

    public static SendResult NotFiled(MailFailure reason) => new(SendOutcome.SentNotFiled, reason);

    public static SendResult NotSent(MailFailure reason, MessageRef? keptAs) => new(SendOutcome.NotSent, reason, keptAs);

    /// <summary>True when the message left (whether or not a copy reached Sent).</summary>
    public bool Delivered => Outcome != SendOutcome.NotSent;
}
