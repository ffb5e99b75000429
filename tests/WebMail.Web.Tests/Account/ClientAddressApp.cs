using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace WebMail.Web.Tests.Account;

/// <summary>
/// The real app where each test browser has its own client address: the in-memory server has no sockets, so a
/// first middleware sets <c>Connection.RemoteIpAddress</c> from a test header, as Kestrel would from the socket.
/// </summary>
internal static class ClientAddressApp
{
    private const string Header = "X-Test-Client-Address";

    public static WebApplicationFactory<Program> WithClientAddresses(this WebMailFactory factory, TimeProvider? clock = null) =>
        factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IStartupFilter, ClientAddressFilter>();
            if (clock is not null)
            {
                services.AddSingleton(clock);
            }
        }));

    /// <summary>A cookie-keeping, non-redirecting client whose requests come from <paramref name="address"/>.</summary>
    public static HttpClient BrowserFrom(this WebApplicationFactory<Program> app, string address)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add(Header, address);
        return client;
    }

    private sealed class ClientAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers[Header] is [{ } address])
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address);
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
