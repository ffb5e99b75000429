using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace WebMail.Mail.Model;

/// <summary>Identifies a message the IMAP way: folder, UIDVALIDITY and UID (never a sequence number).</summary>
public readonly record struct MessageRef(string Folder, uint UidValidity, uint Uid)
{
    /// <summary>A URL-safe token: base64url(folder).uidvalidity.uid.</summary>
    public string ToToken() =>
        string.Create(CultureInfo.InvariantCulture, $"{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Folder))}.{UidValidity}.{Uid}");

    /// <summary>Parses <see cref="ToToken"/> output; false for anything malformed.</summary>
    public static bool TryParse(string? token, out MessageRef value)
    {
        value = default;
        var parts = token?.Split('.');
        if (parts is not { Length: 3 }
            || !uint.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var validity)
            || !uint.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var uid)
            || uid == 0
            || !FolderToken.TryDecode(parts[0], out var folder))
        {
            return false;
        }

        value = new MessageRef(folder, validity, uid);
        return true;
    }
}

/// <summary>URL-safe encoding of a folder path (folder names may hold any character).</summary>
public static class FolderToken
{
    public static string Encode(string folder) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(folder));

    public static bool TryDecode(string? token, out string folder)
    {
        folder = "";
        if (string.IsNullOrEmpty(token) || token.Length > 4096)
        {
            return false;
        }

        try
        {
            folder = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            return folder.Length > 0 && !folder.Any(char.IsControl);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
