using System.Net;
using OpenIddict.Abstractions;

namespace WebMail.DevIdentityProvider;

/// <summary>Test-only administration: revoke a user's grants so the app's next refresh fails with invalid_grant.</summary>
internal static class DevAdminEndpoints
{
    public static void MapDevAdminEndpoints(this IEndpointRouteBuilder app)
    {
        // POST /dev/users/alice@example.test/revoke: every token and authorization of that user.
        app.MapPost("/dev/users/{email}/revoke", async (
            string email,
            HttpContext http,
            IOpenIddictTokenManager tokens,
            IOpenIddictAuthorizationManager authorizations) =>
        {
            if (http.Connection.RemoteIpAddress is not { } caller || !IPAddress.IsLoopback(caller))
            {
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }

            var subject = DevUsers.SubjectFor(email);
            var revokedAuthorizations = await authorizations.RevokeBySubjectAsync(subject, http.RequestAborted);
            var revokedTokens = await tokens.RevokeBySubjectAsync(subject, http.RequestAborted);
            return Results.Ok(new { email, revokedTokens, revokedAuthorizations });
        }).DisableAntiforgery();
    }
}
