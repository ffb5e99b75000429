using WebMail.Mail.Model;

namespace WebMail.Mail.Folders;

/// <summary>The checks a folder name passes before it is sent to the server, each failure as a sentence for the user.</summary>
public static class FolderNames
{
    /// <summary>The name as it will be created (trimmed), or a <see cref="FolderRequestException"/> saying what is wrong with it.</summary>
    public static string Check(string? name, char separator)
    {
        var clean = name?.Trim() ?? "";
        if (clean.Length == 0)
        {
            throw new FolderRequestException("Give the folder a name.");
        }

        if (separator != '\0' && clean.Contains(separator, StringComparison.Ordinal))
        {
            throw new FolderRequestException($"A folder name cannot contain “{separator}”. To put a folder inside another, use “New subfolder” or “Move to…”.");
        }

        if (clean.Any(char.IsControl) || clean.Contains('*', StringComparison.Ordinal) || clean.Contains('%', StringComparison.Ordinal))
        {
            throw new FolderRequestException("A folder name cannot contain “*”, “%” or control characters.");
        }

        if (clean.Length > 200)
        {
            throw new FolderRequestException("That folder name is too long: keep it under 200 characters.");
        }

        return clean;
    }

    /// <summary>Refuses to rename, move or delete the inbox or a special folder.</summary>
    public static void CheckChangeable(string name, FolderRole role, string action)
    {
        if (role == FolderRole.Inbox)
        {
            throw new FolderRequestException($"The Inbox cannot be {action}.");
        }

        if (role != FolderRole.None)
        {
            throw new FolderRequestException($"“{name}” is your {RoleName(role)} folder and cannot be {action}.");
        }
    }

    /// <summary>The role as a user reads it ("Sent", "Junk").</summary>
    public static string RoleName(FolderRole role) => role switch
    {
        FolderRole.Inbox => "Inbox",
        FolderRole.Drafts => "Drafts",
        FolderRole.Sent => "Sent",
        FolderRole.Archive => "Archive",
        FolderRole.Junk => "Junk",
        FolderRole.Trash => "Trash",
        _ => "ordinary",
    };
}
