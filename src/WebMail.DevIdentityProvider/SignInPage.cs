using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace WebMail.DevIdentityProvider;

/// <summary>
/// The provider's sign-in page: a server-rendered form (antiforgery-protected) that starts a cookie session
/// at the provider, so later authorization requests are answered without asking until end-session.
/// </summary>
internal static class SignInPage
{
    public const string Path = "/account/login";

    public const string WrongPassword = "The email address or password is not correct.";

    public static void MapSignInPage(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (HttpContext http, IAntiforgery antiforgery, [FromQuery(Name = "ReturnUrl")] string? returnUrl) =>
            Page(http, antiforgery, returnUrl, email: null, error: null));

        app.MapPost(Path, async (HttpContext http, IAntiforgery antiforgery, [FromForm] SignInForm form) =>
        {
            var user = DevUsers.SignIn(form.Email, form.Password);
            if (user is null)
            {
                return Page(http, antiforgery, form.ReturnUrl, form.Email, WrongPassword);
            }

            var identity = new ClaimsIdentity(DevIdentityProviderSetup.SessionScheme);
            identity.AddClaim(new Claim("email", user.Email));
            identity.AddClaim(new Claim("name", user.Name));
            await http.SignInAsync(DevIdentityProviderSetup.SessionScheme, new ClaimsPrincipal(identity));
            return Results.LocalRedirect(IsLocal(form.ReturnUrl) ? form.ReturnUrl! : "/");
        });

        app.MapGet("/", async (HttpContext http) =>
        {
            var session = await http.AuthenticateAsync(DevIdentityProviderSetup.SessionScheme);
            var who = session.Succeeded ? $"Signed in as {Encode(session.Principal.FindFirstValue("email"))}." : "Not signed in.";
            return Html($"<h1>WebMail Dev Identity Provider</h1><p>{who}</p><p>An OpenID Connect provider for development and tests only.</p>");
        });
    }

    /// <summary>The posted sign-in form.</summary>
    internal sealed class SignInForm
    {
        public string? Email { get; set; }

        public string? Password { get; set; }

        public string? ReturnUrl { get; set; }
    }

    private static IResult Page(HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? email, string? error)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var alert = error is null ? "" : $"""<p class="error" role="alert">{Encode(error)}</p>""";
        var body = $"""
            <h1>WebMail Dev Identity Provider</h1>
            <p class="note">For development and tests only. Demo users: alice@example.test / alice-demo, bob@example.test / bob-demo.</p>
            {alert}
            <form method="post" action="{Path}">
              <input type="hidden" name="{Encode(tokens.FormFieldName)}" value="{Encode(tokens.RequestToken)}">
              <input type="hidden" name="ReturnUrl" value="{Encode(IsLocal(returnUrl) ? returnUrl : "/")}">
              <label for="email">Email address</label>
              <input id="email" name="Email" type="email" autocomplete="username" required autofocus value="{Encode(email)}">
              <label for="password">Password</label>
              <input id="password" name="Password" type="password" autocomplete="current-password" required>
              <button type="submit">Sign in</button>
            </form>
            """;
        return Html(body, error is null ? StatusCodes.Status200OK : StatusCodes.Status401Unauthorized);
    }

    private static IResult Html(string body, int status = StatusCodes.Status200OK) => Results.Content(
        $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>WebMail Dev Identity Provider</title>
          <style>
            body { font-family: system-ui, sans-serif; max-width: 24rem; margin: 4rem auto; padding: 0 1rem; color: #1f2328; }
            h1 { font-size: 1.4rem; }
            .note { color: #59636e; font-size: .9rem; }
            .error { color: #b3261e; font-weight: 600; }
            label { display: block; margin-top: 1rem; font-weight: 600; }
            input[type=email], input[type=password] { width: 100%; box-sizing: border-box; padding: .5rem; margin-top: .25rem; }
            button { margin-top: 1.5rem; padding: .5rem 1.5rem; }
          </style>
        </head>
        <body>
        {{body}}
        </body>
        </html>
        """,
        "text/html; charset=utf-8",
        statusCode: status);

    /// <summary>Only paths of this site: never an open redirect.</summary>
    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    private static string Encode(string? value) => HtmlEncoder.Default.Encode(value ?? "");
}
