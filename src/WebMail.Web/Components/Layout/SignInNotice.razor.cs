using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using WebMail.Web.Account;

namespace WebMail.Web.Components.Layout;

/// <summary>
/// The tab's notice about its own sign-in (the identity provider cannot be reached), on every page: it
/// subscribes to <see cref="SignInHealth"/> for the tab's sign-in id and re-renders when that changes.
/// </summary>
public sealed partial class SignInNotice
{
    private SignInStatus _status = SignInStatus.Healthy;
    private string? _sid;
    private IDisposable? _subscription;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        var sid = AuthenticationState is null ? null : (await AuthenticationState).User.FindFirst(AccountExtensions.SessionIdClaim)?.Value;
        if (sid == _sid)
        {
            return;
        }

        _subscription?.Dispose();
        _subscription = null;
        _sid = sid;

        // Only a live circuit can be told of changes; a prerendered page shows the state as it is now.
        if (sid is not null && RendererInfo.IsInteractive)
        {
            _subscription = Health.Subscribe(sid, OnChangedAsync);
        }

        _status = sid is null ? SignInStatus.Healthy : Health.Get(sid);
    }

    private Task OnChangedAsync(SignInStatus status) => InvokeAsync(async () =>
    {
        try
        {
            _status = status;
            StateHasChanged();
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    });

    public void Dispose() => _subscription?.Dispose();
}
