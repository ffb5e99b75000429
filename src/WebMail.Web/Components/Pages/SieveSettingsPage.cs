using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using WebMail.Mail;
using WebMail.Mail.Sieve;
using WebMail.Web.Localization;
using WebMail.Web.Resources;

namespace WebMail.Web.Components.Pages;

/// <summary>What the filters and vacation pages share: the user's script state, and the server's refusals as sentences.</summary>
public abstract class SieveSettingsPage : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _closing = new();

    protected FilterState? State { get; private set; }

    protected string? Error { get; set; }

    protected string? Status { get; set; }

    protected string UserName { get; private set; } = "";

    protected CancellationToken Closing => _closing.Token;

    [Inject]
    protected SieveFilters Filters { get; set; } = default!;

    [Inject]
    protected IStringLocalizer<Strings> Text { get; set; } = default!;

    [Inject]
    private AuthenticationStateProvider Authentication { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        UserName = (await Authentication.GetAuthenticationStateAsync()).User.FindFirstValue(ClaimTypes.Name) ?? "";
        if (!Filters.Enabled)
        {
            Error = Text["Filters and vacation replies are turned off on this server."];
            return;
        }

        await RunAsync(async () => State = await Filters.LoadAsync(UserName, Closing));
        OnLoaded();
    }

    /// <summary>Called once the state is loaded (or failed to load).</summary>
    protected virtual void OnLoaded()
    {
    }

    /// <summary>Runs a ManageSieve operation; refusals and outages become <see cref="Error"/>. Returns whether it succeeded.</summary>
    protected async Task<bool> RunAsync(Func<Task> operation)
    {
        Error = null;
        try
        {
            await operation();
            return true;
        }
        catch (SieveCommandException ex)
        {
            Error = Text["The filter server refused this: {0}", ex.ServerMessage];
        }
        catch (MailAuthenticationException)
        {
            Error = Text["The filter server did not accept your sign-in. Sign out and in again, or ask your administrator whether it offers filters."];
        }
        catch (MailException)
        {
            Error = Text["The filter server (ManageSieve) cannot be reached. Your mail server may not offer filters; try again later or ask your administrator."];
        }
        catch (ArgumentException ex)
        {
            Error = Text["This cannot be saved: {0}", MailSentences.Of(ex, Text)];
        }

        return false;
    }

    /// <summary>Writes the filters as WebMail's script, then reloads what the server holds.</summary>
    protected async Task<bool> SaveAsync(FilterSet filters, string done) =>
        await RunAsync(async () =>
        {
            await Filters.SaveAsync(UserName, filters, Closing);
            State = await Filters.LoadAsync(UserName, Closing);
            Status = done;
            OnLoaded();
        });

    public void Dispose()
    {
        _closing.Cancel();
        _closing.Dispose();
        GC.SuppressFinalize(this);
    }
}
