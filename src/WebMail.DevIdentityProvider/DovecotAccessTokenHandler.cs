using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace WebMail.DevIdentityProvider;

/// <summary>
/// OpenIddict's JWT handler, changed only for access tokens so that Dovecot's oauth2 passdb accepts them:
/// header <c>typ</c> is <c>JWT</c> instead of <c>at+jwt</c> (Debian's 2.3.19 insists), <c>iat</c> is set a few
/// seconds back (Dovecot has no clock leeway), and a <c>token_use</c> claim marks them. Reading tokens back
/// (userinfo, revocation), a marked <c>typ: JWT</c> token is reported to OpenIddict as the access token it is.
/// </summary>
internal sealed class DovecotAccessTokenHandler : JsonWebTokenHandler
{
    public DovecotAccessTokenHandler()
    {
        // OpenIddict's own handler does the same: dates come from the principal, no automatic nbf.
        SetDefaultTimesOnTokenCreation = false;
    }

    public override string CreateToken(SecurityTokenDescriptor tokenDescriptor)
    {
        ArgumentNullException.ThrowIfNull(tokenDescriptor);
        if (tokenDescriptor.TokenType == JsonWebTokenTypes.AccessToken)
        {
            tokenDescriptor.TokenType = DevTokenFormat.TokenType;
            tokenDescriptor.IssuedAt = (tokenDescriptor.IssuedAt ?? DateTime.UtcNow) - DevTokenFormat.IssuedAtBackdate;
            tokenDescriptor.Claims = new Dictionary<string, object>(tokenDescriptor.Claims ?? new Dictionary<string, object>(), StringComparer.Ordinal)
            {
                [DevTokenFormat.TokenUseClaim] = DevTokenFormat.AccessTokenUse,
            };
        }

        return base.CreateToken(tokenDescriptor);
    }

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        ArgumentNullException.ThrowIfNull(validationParameters);
        var isMarkedAccessToken = IsMarkedAccessToken(token);
        if (isMarkedAccessToken && validationParameters.ValidTypes is { } types && types.Contains(JsonWebTokenTypes.AccessToken))
        {
            // Where OpenIddict expects an access token (at+jwt), also accept our typ: JWT access tokens.
            validationParameters = validationParameters.Clone();
            validationParameters.ValidTypes = [.. types, DevTokenFormat.TokenType];
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && isMarkedAccessToken && result.TokenType == DevTokenFormat.TokenType)
        {
            // Without this, OpenIddict would take a typ: JWT token for an identity token.
            result.TokenType = JsonWebTokenTypes.AccessToken;
        }

        return result;
    }

    private bool IsMarkedAccessToken(string token)
    {
        if (!CanReadToken(token))
        {
            return false;
        }

        try
        {
            var jwt = ReadJsonWebToken(token);
            return jwt.Typ == DevTokenFormat.TokenType &&
                jwt.TryGetPayloadValue<string>(DevTokenFormat.TokenUseClaim, out var use) && use == DevTokenFormat.AccessTokenUse;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (SecurityTokenException)
        {
            return false;
        }
    }
}
