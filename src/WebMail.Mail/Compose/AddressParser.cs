using MimeKit;

namespace WebMail.Mail.Compose;

/// <summary>Parses recipients as typed, naming every entry that is not a valid address.</summary>
public static class AddressParser
{
    /// <summary>At most this many recipients in one message (To + Cc + Bcc).</summary>
    public const int MaxRecipients = 500;

    /// <summary>The valid mailboxes, and each entry that could not be read as one.</summary>
    public static (IReadOnlyList<MailboxAddress> Valid, IReadOnlyList<string> Invalid) Parse(string? input)
    {
        var valid = new List<MailboxAddress>();
        var invalid = new List<string>();
        foreach (var raw in Split(input ?? ""))
        {
            var entry = raw.Trim();
            if (entry.Length == 0)
            {
                continue;
            }

            if (entry.Any(char.IsControl) || !MailboxAddress.TryParse(ParserOptions.Default, entry, out var mailbox)
                || !mailbox.Address.Contains('@', StringComparison.Ordinal) || mailbox.Address.StartsWith('@') || mailbox.Address.EndsWith('@'))
            {
                invalid.Add(entry);
                continue;
            }

            valid.Add(mailbox);
        }

        return (valid, invalid);
    }

    /// <summary>Splits on commas and semicolons outside quotes and angle brackets ("Doe, Jane" &lt;j@x&gt; stays one entry).</summary>
    private static IEnumerable<string> Split(string input)
    {
        var start = 0;
        var quoted = false;
        var angle = 0;
        for (var i = 0; i < input.Length; i++)
        {
            switch (input[i])
            {
                case '"':
                    quoted = !quoted;
                    break;
                case '<' when !quoted:
                    angle++;
                    break;
                case '>' when !quoted && angle > 0:
                    angle--;
                    break;
                case ',' or ';' when !quoted && angle == 0:
                    yield return input[start..i];
                    start = i + 1;
                    break;
            }
        }

        yield return input[start..];
    }
}
