using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using WebMail.Mail;

namespace WebMail.Web.Mail;

/// <summary>
/// Compose wiring, and <c>POST /compose/beacon</c>: a compose tab's last keystrokes, sent with
/// navigator.sendBeacon when the page goes away or its connection drops. Cookie-authenticated and
/// antiforgery-protected (the token is rendered into the page and sent in the form); it only ever writes
/// the signed-in user's own draft of that compose session.
/// </summary>
public static partial class ComposeEndpoints
{
    public const string BeaconPath = "/compose/beacon";

    private const int MaxBeaconBytes = 256 * 1024;

    public static WebApplicationBuilder AddWebMailCompose(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ComposeDrafts>();
        builder.Services.AddOptions<IdentityOptions>().BindConfiguration(IdentityOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<IdentityOptions>, IdentityOptionsValidator>();
        builder.Services.AddSingleton<SenderPolicy>();
        builder.Services.AddSingleton<ComposeRegistry>();
        builder.Services.AddHostedService<ComposeHostedService>();
        return builder;
    }

    public static WebApplication MapWebMailCompose(this WebApplication app)
    {
        // Binding [FromForm] makes the antiforgery middleware check the form's token against the cookie.
        // Browsers send at most 64 KB by beacon.
        app.MapPost(BeaconPath, SaveBeaconAsync).RequireAuthorization().WithMetadata(new RequestSizeLimitAttribute(MaxBeaconBytes));
        return app;
    }

    private static async Task<IResult> SaveBeaconAsync([FromForm] ComposeBeacon beacon, HttpContext context, ComposeRegistry registry, ComposeDrafts drafts, ILoggerFactory loggers)
    {
        var user = context.User.FindFirstValue(ClaimTypes.Name);
        if (user is null || beacon.Id == Guid.Empty)
        {
            return Results.BadRequest();
        }

        // The browser does not wait for the answer and may be gone already: the save runs to its end regardless.
        try
        {
            if (registry.Find(user, beacon.Id) is { } session)
            {
                if (!session.ApplyBeacon(beacon))
                {
                    return Results.NoContent();
                }

                await drafts.SaveAsync(session, CancellationToken.None);
            }
            else if (beacon.HasFull)
            {
                await drafts.SaveBeaconAsync(user, beacon, CancellationToken.None);
            }
            else
            {
                return Results.Conflict();
            }
        }
        catch (MailException ex)
        {
            LogBeaconNotSaved(loggers.CreateLogger(typeof(ComposeEndpoints)), ex.GetType().Name);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        return Results.NoContent();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A compose beacon could not be saved to Drafts ({Error})")]
    private static partial void LogBeaconNotSaved(ILogger logger, string error);
}
