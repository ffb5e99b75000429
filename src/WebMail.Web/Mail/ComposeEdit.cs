using WebMail.Mail.Compose;

namespace WebMail.Web.Mail;

/// <summary>How the server copy took one edit from the browser.</summary>
public enum ComposeEdit
{
    /// <summary>Applied; the copy is at the edit's revision.</summary>
    Applied = 0,

    /// <summary>The edit was for another revision (one was lost, or the copy was changed meanwhile): the browser sends everything again.</summary>
    OutOfSync = 1,

    /// <summary>The body would pass <see cref="ComposeOptions.MaxBodyCharacters"/>.</summary>
    TooLarge = 2,
}
