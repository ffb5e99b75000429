using Microsoft.AspNetCore.Components;
using WebMail.Web.Components.Layout;

namespace WebMail.Web.Components.Mail;

/// <summary>
/// Dark mode and the message frame: a message that sets no colours of its own is shown dark in a dark page, one that
/// does keeps its light canvas (ContentEndpoints.FrameHead); "View in light" / "View in dark" overrides that for the
/// open message only.
/// </summary>
public partial class MessageReader
{
    private FrameLook _look;

    private enum FrameLook
    {
        Auto,
        Light,
        Dark,
    }

    [Inject]
    private ThemeState Theme { get; set; } = default!;

    /// <summary>Known (once cleaned) to set no colours: it may follow the page into the dark.</summary>
    private bool PlainColours => _frame is { OwnColours: false };

    private bool ShownDark => _look switch
    {
        FrameLook.Light => false,
        FrameLook.Dark => true,
        _ => Theme.IsDark && PlainColours,
    };

    /// <summary>The frame's address: the server styles the document for the look (see ContentEndpoints.FrameHead).</summary>
    private string FrameSource => $"mail/frame/{_frameToken}" + _look switch
    {
        FrameLook.Light => "",
        FrameLook.Dark => "?look=dark",
        _ => Theme.IsDark ? "?look=page-dark" : "",
    };

    /// <summary>A message with its own colours viewed dark on purpose: the page inverts it (its images are turned back inside).</summary>
    private string FrameClass => _look == FrameLook.Dark && _frame is { OwnColours: true } ? "html-body inverted" : "html-body";

    /// <summary>Offered in a dark page, and once used (to switch back).</summary>
    private bool OffersLookSwitch => _frame is not null && (Theme.IsDark || _look != FrameLook.Auto);

    private void ToggleLook() => _look = ShownDark ? FrameLook.Light : FrameLook.Dark;

    private void StartFollowingTheme() => Theme.Changed += OnThemeChanged;

    private void StopFollowingTheme() => Theme.Changed -= OnThemeChanged;

    private void OnThemeChanged() => _ = InvokeAsync(StateHasChanged);
}
