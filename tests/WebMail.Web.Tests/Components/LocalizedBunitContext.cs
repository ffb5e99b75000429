using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace WebMail.Web.Tests.Components;

/// <summary>A bUnit context with the app's string localizer registered, as every component injects one (<c>L</c>).</summary>
public abstract class LocalizedBunitContext : BunitContext
{
    protected LocalizedBunitContext()
    {
        Services.AddLocalization();
    }
}
