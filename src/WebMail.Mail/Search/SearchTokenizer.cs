using System.Text;

namespace WebMail.Mail.Search;

/// <summary>The pieces of a search text: words (maybe <c>op:value</c>), phrases, <c>-</c>, <c>OR</c>, parentheses.</summary>
internal static class SearchTokenizer
{
    internal enum Kind
    {
        Word,
        Not,
        Or,
        Open,
        Close,
    }

    /// <param name="Operator">The lower-cased operator before the colon, or null for free text.</param>
    /// <param name="Value">The word, the phrase without its quotation marks, or the operator's value.</param>
    internal readonly record struct Token(Kind Kind, string? Operator = null, string Value = "", bool Quoted = false);

    public static List<Token> Read(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '(')
            {
                tokens.Add(new Token(Kind.Open));
                i++;
            }
            else if (c == ')')
            {
                tokens.Add(new Token(Kind.Close));
                i++;
            }
            else if (c == '-' && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]) && text[i + 1] != ')')
            {
                tokens.Add(new Token(Kind.Not));
                i++;
            }
            else if (c == '"')
            {
                tokens.Add(new Token(Kind.Word, null, ReadQuoted(text, ref i), Quoted: true));
            }
            else
            {
                tokens.Add(ReadWord(text, ref i));
            }
        }

        return tokens;
    }

    private static Token ReadWord(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not '(' and not ')' and not '"')
        {
            i++;
        }

        var word = text[start..i];
        if (word == "OR" || word == "|")
        {
            return new Token(Kind.Or);
        }

        var colon = word.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !word[..colon].All(ch => char.IsAsciiLetter(ch) || ch == '_') || word[(colon + 1)..].StartsWith("//", StringComparison.Ordinal))
        {
            // Free text (10:30, a URL …), unless a phrase follows at once: then it is still a word of its own.
            return new Token(Kind.Word, null, word);
        }

        var op = word[..colon].ToLowerInvariant();
        var value = word[(colon + 1)..];
        if (value.Length == 0 && i < text.Length && text[i] == '"')
        {
            return new Token(Kind.Word, op, ReadQuoted(text, ref i), Quoted: true);
        }

        return new Token(Kind.Word, op, value);
    }

    /// <summary>Reads <c>"…"</c> from <paramref name="i"/> (at the opening mark); <c>\"</c> and <c>\\</c> escape.</summary>
    private static string ReadQuoted(string text, ref int i)
    {
        var value = new StringBuilder();
        for (i++; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                i++;
                return value.ToString();
            }

            if (c == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\')
            {
                i++;
                c = text[i];
            }

            value.Append(c);
        }

        throw new SearchSyntaxException(MailFailureKind.SearchOpenQuote);
    }
}
