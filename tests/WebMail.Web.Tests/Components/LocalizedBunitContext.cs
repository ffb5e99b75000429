using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WebMail.Web.Tests.Components;

/// <summary>A bUnit context with the app's string localizer registered, as every component injects one (<c>L</c>).</summary>
public abstract class LocalizedBunitContext : BunitContext
{
    protected LocalizedBunitContext()
    {
        Services.AddLocalization();
        Services.TryAddSingleton(TimeProvider.System);
        Services.AddScoped<WebMail.Web.Localization.UserTime>();
    }
}
