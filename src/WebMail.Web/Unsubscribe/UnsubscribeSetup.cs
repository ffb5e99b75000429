using WebMail.Web.RemoteContent;

namespace WebMail.Web.Unsubscribe;

/// <summary>Wires the Unsubscribe button and read receipts (options, the guarded outbound client, per-tab services).</summary>
public static class UnsubscribeSetup
{
    public static WebApplicationBuilder AddWebMailUnsubscribe(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<UnsubscribeOptions>().BindConfiguration(UnsubscribeOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<UnsubscribeLimiter>();
        builder.Services.AddSingleton<OneClickUnsubscriber>();
        builder.Services.AddScoped<UnsubscribeService>();
        builder.Services.AddScoped<ReadReceiptService>();
        builder.Services.AddHttpClient(OneClickUnsubscriber.ClientName, client =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan; // the unsubscriber's own cap covers redirects and answer together
                client.DefaultRequestHeaders.UserAgent.ParseAdd("WebMail-Unsubscribe/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(RemoteContentEndpoint.GuardedHandler)
            .RemoveAllLoggers();
        return builder;
    }
}
