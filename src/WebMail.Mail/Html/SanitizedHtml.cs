namespace WebMail.Mail.Html;

/// <summary>The sanitized body fragment of a message.</summary>
/// <param name="Html">Sanitized BODY content (a fragment), to be shown in a sandboxed frame under CSP.</param>
/// <param name="BlockedRemoteCount">
/// Number of remote resources (images, CSS, fonts, backgrounds...) removed because
/// <see cref="SanitizeOptions.AllowRemoteContent"/> was false; the UI shows "show remote content"
/// when it is &gt; 0.
/// </param>
public sealed record SanitizedHtml(string Html, int BlockedRemoteCount);
