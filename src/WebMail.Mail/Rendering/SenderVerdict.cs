using MimeKit;

namespace WebMail.Mail.Rendering;

/// <summary>Whether the sender shown in From could be verified.</summary>
public enum SenderVerdictKind
{
    /// <summary>DMARC passed for the From domain, or DKIM passed for a domain aligned with it.</summary>
    Verified,

    /// <summary>DMARC failed, or (without DMARC) neither SPF nor DKIM passed.</summary>
    NotVerified,
}

/// <summary>
/// The sender's verdict from the trusted server's Authentication-Results (RFC 8601): only the topmost field whose
/// authserv-id is ours counts (added last, by our own border server); fields with other ids and any below it could
/// have been written by the sender and are ignored.
/// </summary>
/// <param name="Domain">The From address's domain (lower case).</param>
/// <param name="Checks">What the trusted server said, one entry per SPF/DKIM/DMARC result ("DKIM pass (d=example.com)").</param>
/// <param name="CheckedBy">The authserv-id of the field the verdict comes from.</param>
public sealed record SenderVerdict(SenderVerdictKind Kind, string Domain, IReadOnlyList<string> Checks, string CheckedBy)
{
    private static readonly string[] Methods = ["dmarc", "dkim", "spf"];

    /// <summary>The line shown next to the sender.</summary>
    public string Text => Kind == SenderVerdictKind.Verified ? $"Verified {Domain}" : "Could not verify this sender";

    /// <summary>
    /// The verdict for a message with these header fields and this From address; null when there is nothing to say (no
    /// trusted id configured, no field from it, or results that neither verify nor refute the sender).
    /// </summary>
    public static SenderVerdict? Decide(HeaderList headers, string? fromAddress, string? trustedAuthServId)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var at = fromAddress?.LastIndexOf('@') ?? -1;
        if (string.IsNullOrWhiteSpace(trustedAuthServId) || at < 0)
        {
            return null;
        }

        var fromDomain = fromAddress![(at + 1)..].Trim().TrimEnd('.').ToLowerInvariant();
        var trusted = Trusted(headers, trustedAuthServId.Trim());
        if (trusted is null || fromDomain.Length == 0)
        {
            return null;
        }

        var kind = Judge(trusted, fromDomain);
        return kind is null ? null : new SenderVerdict(kind.Value, fromDomain, Describe(trusted), trusted.AuthServId);
    }

    /// <summary>The topmost Authentication-Results field whose authserv-id is <paramref name="id"/>; the rest never count.</summary>
    public static AuthenticationResults? Trusted(HeaderList headers, string id)
    {
        ArgumentNullException.ThrowIfNull(headers);
        foreach (var header in headers)
        {
            if (header.Id == HeaderId.AuthenticationResults
                && AuthenticationResults.Parse(header.Value) is { } parsed
                && parsed.AuthServId.Equals(id, StringComparison.OrdinalIgnoreCase))
            {
                return parsed;
            }
        }

        return null;
    }

    private static SenderVerdictKind? Judge(AuthenticationResults results, string fromDomain)
    {
        // DMARC counts for the domain it was evaluated for: a result for another From (two From fields) says nothing here.
        var dmarc = results.For("dmarc")
            .Where(r => r.Property("header.from") is not { } d || Domains.Same(d, fromDomain))
            .ToList();
        if (dmarc.Any(r => r.Result == "pass"))
        {
            return SenderVerdictKind.Verified;
        }

        if (dmarc.Any(r => r.Result == "fail"))
        {
            return SenderVerdictKind.NotVerified;
        }

        var dkim = results.For("dkim").ToList();
        if (dkim.Any(r => r.Result == "pass" && r.Property("header.d") is { } d && Domains.Aligned(d, fromDomain)))
        {
            return SenderVerdictKind.Verified;
        }

        var spf = results.For("spf").ToList();
        return NoneOrFail(spf) && NoneOrFail(dkim) ? SenderVerdictKind.NotVerified : null;
    }

    /// <summary>True when no result of the method passed and none was a temporary error (nothing checked counts as none).</summary>
    private static bool NoneOrFail(List<AuthenticationResult> results) =>
        results.All(r => r.Result is "fail" or "softfail" or "none" or "neutral" or "permerror" or "policy");

    private static List<string> Describe(AuthenticationResults results) =>
        [.. results.Results.Where(r => Methods.Contains(r.Method)).Select(r => $"{r.Method.ToUpperInvariant()} {r.Result}{Detail(r)}")];

    private static string Detail(AuthenticationResult r) => (r.Method switch
    {
        "dkim" => r.Property("header.d") is { } d ? $"d={d}" : null,
        "dmarc" => r.Property("header.from") is { } f ? $"from {f}" : null,
        "spf" => r.Property("smtp.mailfrom") ?? r.Property("smtp.helo"),
        _ => null,
    }) is { Length: > 0 } detail ? $" ({detail})" : "";
}
