using static WebMail.Mail.Search.SearchTokenizer;

namespace WebMail.Mail.Search;

/// <summary>
/// Reads what a user types in the search box, the way Gmail reads it: words (looked for in From, To, Cc, Subject and
/// the body), <c>"quoted phrases"</c>, operators (<c>from:</c>, <c>is:unread</c>, <c>before:2024-05-31</c>, …),
/// <c>-</c> to negate a word, operator or group, <c>OR</c> between terms and parentheses. Terms side by side must all
/// match. Pure: the date for <c>older_than:</c>/<c>newer_than:</c> is given. Anything it cannot understand is a
/// <see cref="SearchSyntaxException"/> with a sentence for the user, never a command the server would refuse.
/// </summary>
public static class SearchParser
{
    /// <summary>Longest search text accepted (a search is typed, not pasted books).</summary>
    public const int MaxLength = 2000;

    /// <summary>Deepest nesting of parentheses and negations accepted.</summary>
    private const int MaxDepth = 32;

    /// <param name="labelKeyword">The user's label names to their IMAP keywords (<c>label:Work</c> → <c>$label2</c>); null where a name is its own keyword.</param>
    public static ParsedSearch Parse(string? text, DateOnly today, Func<string, string?>? labelKeyword = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ParsedSearch.Empty;
        }

        if (text.Length > MaxLength)
        {
            throw new SearchSyntaxException(MailFailure.Of(MailFailureKind.SearchTooLong, MaxLength));
        }

        var reader = new Reader(Read(text), today, labelKeyword);
        var terms = reader.Sequence(depth: 0);
        if (reader.More)
        {
            throw new SearchSyntaxException(MailFailureKind.SearchUnopenedParen);
        }

        // in: says where to look; it is only understood as a term of its own at the top level.
        string? folder = null;
        var all = false;
        var conditions = new List<SearchTerm>();
        foreach (var term in terms)
        {
            if (term is ScopeTerm scope)
            {
                if (folder is not null || all)
                {
                    throw new SearchSyntaxException(MailFailureKind.SearchInTwice);
                }

                all = scope.All;
                folder = scope.All ? null : scope.Folder;
            }
            else
            {
                conditions.Add(term);
            }
        }

        var condition = conditions.Count switch
        {
            0 => null,
            1 => conditions[0],
            _ => new AndTerm(conditions),
        };
        if (condition is not null && Contains<ScopeTerm>(condition))
        {
            throw new SearchSyntaxException(MailFailureKind.SearchInNegated);
        }

        return new ParsedSearch(condition, folder, all);
    }

    private static bool Contains<T>(SearchTerm term) => term switch
    {
        T => true,
        NotTerm not => Contains<T>(not.Term),
        AndTerm and => and.Terms.Any(Contains<T>),
        OrTerm or => or.Terms.Any(Contains<T>),
        _ => false,
    };

    private sealed class Reader(List<Token> tokens, DateOnly today, Func<string, string?>? labelKeyword)
    {
        private int _at;

        public bool More => _at < tokens.Count;

        private Token? Peek => _at < tokens.Count ? tokens[_at] : null;

        /// <summary>Terms side by side until the end or a closing parenthesis (not consumed).</summary>
        public List<SearchTerm> Sequence(int depth)
        {
            var terms = new List<SearchTerm>();
            while (Peek is { } next && next.Kind != Kind.Close)
            {
                if (next.Kind == Kind.Or)
                {
                    throw new SearchSyntaxException(MailFailureKind.SearchOrNeedsTerms);
                }

                terms.Add(Either(depth));
            }

            return terms;
        }

        private SearchTerm Either(int depth)
        {
            var terms = new List<SearchTerm> { Unary(depth) };
            while (Peek is { Kind: Kind.Or })
            {
                _at++;
                if (Peek is null or { Kind: Kind.Close or Kind.Or })
                {
                    throw new SearchSyntaxException(MailFailureKind.SearchOrNeedsTerms);
                }

                terms.Add(Unary(depth));
            }

            return terms.Count == 1 ? terms[0] : new OrTerm(terms);
        }

        private SearchTerm Unary(int depth)
        {
            if (depth > MaxDepth)
            {
                throw new SearchSyntaxException(MailFailureKind.SearchTooDeep);
            }

            var token = tokens[_at++];
            switch (token.Kind)
            {
                case Kind.Not:
                    if (Peek is null or { Kind: Kind.Close or Kind.Or })
                    {
                        throw new SearchSyntaxException(MailFailureKind.SearchMinusAlone);
                    }

                    var negated = Unary(depth + 1);
                    return negated is NotTerm { Term: var inner } ? inner : new NotTerm(negated);
                case Kind.Open:
                    var terms = Sequence(depth + 1);
                    if (Peek is not { Kind: Kind.Close })
                    {
                        throw new SearchSyntaxException(MailFailureKind.SearchUnclosedParen);
                    }

                    _at++;
                    return terms.Count switch
                    {
                        0 => throw new SearchSyntaxException(MailFailureKind.SearchEmptyParens),
                        1 => terms[0],
                        _ => new AndTerm(terms),
                    };
                default:
                    return token.Operator is null ? new TextTerm(TextField.Any, token.Value) : SearchOperators.Read(token.Operator, token.Value, token.Quoted, today, labelKeyword);
            }
        }
    }
}
