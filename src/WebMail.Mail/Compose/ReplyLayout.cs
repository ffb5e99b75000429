namespace WebMail.Mail.Compose;

/// <summary>
/// Where the writing goes in a new message, reply or forward: above or below the quoted message, and the signature
/// below the writing or at the very end. Texts use "\n" line breaks; the caret is where the user starts typing.
/// </summary>
public static class ReplyLayout
{
    /// <summary>
    /// Arranges <paramref name="quote"/> (as <see cref="ReplyBuilder.QuotedText"/> makes it, or empty for a new message)
    /// with the <paramref name="signature"/> (<see cref="Signature.Block"/> adds its delimiter).
    /// </summary>
    /// <param name="writeBelowQuote">The reply goes below the quote (the caret after it) instead of above.</param>
    /// <param name="signatureBelowQuote">The signature goes at the very end instead of right below the writing.</param>
    public static (string Text, int Caret) Arrange(string quote, string? signature, bool writeBelowQuote, bool signatureBelowQuote)
    {
        var block = Signature.Block(signature);
        var quoted = quote.ReplaceLineEndings("\n").Trim('\n');
        if (quoted.Length == 0)
        {
            return (block, 0);
        }

        if (writeBelowQuote)
        {
            // The quote, a blank line, the writing, then the signature (either choice puts it at the end).
            var above = quoted + "\n\n";
            return (above + block, above.Length);
        }

        return signatureBelowQuote
            ? ("\n\n" + quoted + block, 0)
            : (block + "\n\n" + quoted, 0);
    }
}
