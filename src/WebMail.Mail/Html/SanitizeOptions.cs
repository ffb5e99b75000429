namespace WebMail.Mail.Html;

/// <summary>Options the caller decides per message.</summary>
/// <param name="AllowRemoteContent">
/// When false, every remote resource (images, CSS backgrounds...) is removed and counted in
/// <see cref="SanitizedHtml.BlockedRemoteCount"/>.
/// </param>
/// <param name="ResolveContentId">
/// Gets a Content-ID without angle brackets (from "cid:xyz") and returns the URL to use instead
/// (an absolute or root-relative URL of our app) or null if the message has no such part.
/// </param>
/// <param name="RewriteRemoteUrl">
/// When remote content is allowed: gets each remote resource URL (img src, background, CSS
/// <c>url()</c>) in its normalised form and returns the URL to load instead (our own proxy's
/// URL, root-relative or absolute) or null to drop it. Null here keeps the remote URL as it is
/// (the administrator allowed direct loading).
/// </param>
public sealed record SanitizeOptions(bool AllowRemoteContent, Func<string, string?> ResolveContentId, Func<string, string?>? RewriteRemoteUrl = null);
