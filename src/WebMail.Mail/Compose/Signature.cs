namespace WebMail.Mail.Compose;

/// <summary>
/// The signature convention (RFC 3676 §4.3): a line of exactly "-- " separates the body from the signature,
/// once. A stored signature may or may not start with its own delimiter; it is written with exactly one.
/// </summary>
public static class Signature
{
    /// <summary>The delimiter line, with its trailing space.</summary>
    public const string Delimiter = "-- ";

    /// <summary>The signature without any delimiter line of its own at the top, line breaks as "\n", trimmed.</summary>
    public static string Clean(string? signature)
    {
        var lines = (signature ?? "").ReplaceLineEndings("\n").Split('\n').SkipWhile(string.IsNullOrWhiteSpace).ToList();
        if (lines.Count > 0 && lines[0].TrimEnd() == "--")
        {
            lines = [.. lines.Skip(1).SkipWhile(string.IsNullOrWhiteSpace)];
        }

        return string.Join('\n', lines).TrimEnd();
    }

    /// <summary>The block appended to a new message: a blank line, "-- " once, then the signature; empty when there is none.</summary>
    public static string Block(string? signature) =>
        Clean(signature) is { Length: > 0 } clean ? $"\n\n{Delimiter}\n{clean}" : "";
}
