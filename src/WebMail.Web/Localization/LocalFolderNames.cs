using Microsoft.Extensions.Localization;
using WebMail.Mail.Model;

namespace WebMail.Web.Localization;

/// <summary>
/// Special folders under their names in the user's language (Posteingang, Brouillons, …), whatever the server calls
/// them; other folders keep their own names. Keys are "Folder: Sent" and so on (English shows the part after the
/// colon), so a folder's name never shares a key with a verb such as the "Archive" button.
/// </summary>
public static class LocalFolderNames
{
    public static string Of(FolderInfo folder, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(folder);
        return folder.Role == FolderRole.None || folder.Depth > 0 ? folder.Name : Role(folder.Role, l);
    }

    /// <summary>The name of a special use ("Sent", "Gesendet", "Envoyés"); "Not special" for none.</summary>
    public static string Role(FolderRole role, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(l);
        var text = role switch
        {
            FolderRole.Inbox => l["Folder: Inbox"],
            FolderRole.Drafts => l["Folder: Drafts"],
            FolderRole.Sent => l["Folder: Sent"],
            FolderRole.Archive => l["Folder: Archive"],
            FolderRole.Junk => l["Folder: Junk"],
            FolderRole.Trash => l["Folder: Trash"],
            _ => l["Not special"],
        };
        return text.ResourceNotFound && text.Value.StartsWith("Folder: ", StringComparison.Ordinal) ? text.Value["Folder: ".Length..] : text.Value;
    }
}
