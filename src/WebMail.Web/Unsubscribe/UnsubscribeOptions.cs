using System.ComponentModel.DataAnnotations;

namespace WebMail.Web.Unsubscribe;

/// <summary>The "Unsubscribe" button. Bound from <c>WebMail:Unsubscribe</c>.</summary>
public sealed class UnsubscribeOptions
{
    public const string SectionName = "WebMail:Unsubscribe";

    /// <summary>Seconds a one-click unsubscribe POST may take in all (connecting, same-host redirects, answer).</summary>
    [Range(1, 60, ErrorMessage = "WebMail:Unsubscribe:TimeoutSeconds must be between 1 and 60.")]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Unsubscribes (one-click or by mail) one user may make per hour; more are refused with a sentence.</summary>
    [Range(1, 1000, ErrorMessage = "WebMail:Unsubscribe:MaxPerUserPerHour must be between 1 and 1000.")]
    public int MaxPerUserPerHour { get; set; } = 30;
}
