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

        // As a request from an en-GB browser would have it (the tests' own culture is the invariant one).
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("en-GB");
        Services.TryAddSingleton(TimeProvider.System);
        Services.AddScoped<WebMail.Web.Localization.UserTime>();
    }
}
