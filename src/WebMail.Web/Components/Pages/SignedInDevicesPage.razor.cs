using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using WebMail.Web.Account;

namespace WebMail.Web.Components.Pages;

/// <summary>
/// "Signed-in devices": the user's sign-ins (browser, address, when signed in, last seen), this one marked, and a
/// way to end any other (circuit calls, so no form POST to forge; the store ends only the user's own sign-ins).
/// An ended sign-in's tabs go to the sign-in page at once, its frame tokens die, and the IMAP session closes with
/// the user's last sign-in.
/// </summary>
public sealed partial class SignedInDevicesPage
{
    private IReadOnlyList<SignInSummary> _devices = [];
    private string _user = "";
    private string? _current;
    private string? _status;

    [Inject]
    private SignInStore Store { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private IOptions<SignInLifetimeOptions> Lifetime { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthenticationState).User;
        _user = user.FindFirstValue(ClaimTypes.Name) ?? "";
        _current = user.FindFirstValue(AccountExtensions.SessionIdClaim);
        await LoadAsync();
    }

    private async Task LoadAsync() => _devices = _user.Length == 0 ? [] : await Store.ListAsync(_user);

    private async Task EndAsync(SignInSummary device)
    {
        var ended = device.Id != _current && await Store.EndOwnAsync(_user, device.Id, SignInEndReason.EndedElsewhere);
        _status = ended ? L["Signed out {0}.", Describe(device)] : L["That device was already signed out."];
        await LoadAsync();
    }

    private async Task EndOthersAsync()
    {
        var count = 0;
        foreach (var device in _devices.Where(d => d.Id != _current).ToList())
        {
            count += await Store.EndOwnAsync(_user, device.Id, SignInEndReason.EndedElsewhere) ? 1 : 0;
        }

        _status = count == 1 ? L["Signed out 1 other device."] : L["Signed out {0} other devices.", count];
        await LoadAsync();
    }

    private static string Browser(SignInSummary device) => device.Browser ?? UserAgentSummary.Unknown;

    private string Describe(SignInSummary device) =>
        L["{0}, {1}, signed in {2}", Browser(device), device.ClientAddress ?? L["address unknown"], Ago(device.SignedInAt)];

    /// <summary>"just now", "5 minutes ago", "3 hours ago", "2 days ago": no time zone needed.</summary>
    private string Ago(DateTimeOffset at)
    {
        var span = Time.GetUtcNow() - at;
        return span.TotalMinutes switch
        {
            < 1 => L["just now"],
            < 2 => L["1 minute ago"],
            < 60 => L["{0} minutes ago", (int)span.TotalMinutes],
            < 120 => L["1 hour ago"],
            < 60 * 24 => L["{0} hours ago", (int)span.TotalHours],
            < 60 * 48 => L["1 day ago"],
            _ => L["{0} days ago", (int)span.TotalDays],
        };
    }
}
