using System.ComponentModel.DataAnnotations;
using System.Net;

namespace WebMail.Web.RemoteContent;

/// <summary>How "Show remote content" loads a message's remote images.</summary>
public enum RemoteContentMode
{
    /// <summary>Through WebMail's image proxy: the sender never sees the reader's address, browser or cookies.</summary>
    Proxy,

    /// <summary>Straight from the reader's browser (the administrator accepts that senders see it).</summary>
    Direct,

    /// <summary>Never: remote images stay blocked and the reader offers no button.</summary>
    Off,
}

/// <summary>Remote images in messages. Bound from <c>WebMail:RemoteContent</c>.</summary>
public sealed class RemoteContentOptions : IValidatableObject
{
    public const string SectionName = "WebMail:RemoteContent";

    /// <summary><c>Proxy</c> (default), <c>Direct</c> or <c>Off</c>.</summary>
    public RemoteContentMode Mode { get; set; } = RemoteContentMode.Proxy;

    /// <summary>Largest image the proxy passes on; a longer body is cut off at this many bytes and refused.</summary>
    [Range(1024, 50 * 1024 * 1024, ErrorMessage = "WebMail:RemoteContent:MaxImageBytes must be between 1024 and 52428800 (50 MB).")]
    public int MaxImageBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Seconds one proxied image may take in all (connecting, redirects and body).</summary>
    [Range(1, 120, ErrorMessage = "WebMail:RemoteContent:TimeoutSeconds must be between 1 and 120.")]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// Test only: addresses the proxy may connect to although they are private or loopback (the tests' stand-in
    /// "remote" servers listen on 127.0.0.1). Leave empty in production.
    /// </summary>
    public IList<string> AllowedTestAddresses { get; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(Mode))
        {
            yield return new ValidationResult("WebMail:RemoteContent:Mode must be Proxy, Direct or Off.", [nameof(Mode)]);
        }

        foreach (var address in AllowedTestAddresses)
        {
            if (!IPAddress.TryParse(address, out _))
            {
                yield return new ValidationResult($"WebMail:RemoteContent:AllowedTestAddresses holds '{address}', which is no IP address.", [nameof(AllowedTestAddresses)]);
            }
        }
    }
}
