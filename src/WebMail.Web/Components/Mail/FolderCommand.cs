namespace WebMail.Web.Components.Mail;

/// <summary>What a folder's menu asks for.</summary>
public enum FolderCommand
{
    NewSubfolder,
    Rename,
    Move,
    Delete,
    MarkAllRead,
    Empty,
    UseAs,
}

/// <summary>A request that the menu button of the folder at <paramref name="Path"/> takes the focus back (a new instance each time).</summary>
public sealed record FolderFocusRequest(string Path);
