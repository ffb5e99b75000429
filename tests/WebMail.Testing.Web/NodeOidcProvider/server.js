// A second OpenID Connect provider for WebMail's tests: panva's node oidc-provider, configured the way
// providers that need RFC 8707 resource indicators and prompt=consent behave. Tests only: any address of
// the test.example domain signs in with the mail stack's test password; consent is granted as asked.
//
// Access tokens are JWTs for one resource indicator, signed with the mail stack's key so that Dovecot's
// local oauth2 validation (deploy/mailstack/dovecot-oauth2.conf.ext.in) accepts them: header typ JWT and
// kid webmail-dev (dict path default/RS256/webmail-dev), aud webmail-mail, email = the IMAP user, and iat
// a few seconds in the past (Dovecot allows no clock leeway).
//
// Environment: SIGNING_KEY_PATH (PEM RSA private key, required), PORT (default 0: a free one),
// ACCESS_TOKEN_TTL_SECONDS (default 300), RESOURCE (default https://mail.test.example/).
// Prints "listening <issuer>" on stdout once it serves. GET /test/requests lists what the authorization
// and token endpoints received (route, grant_type, prompt, resource, scope; never a secret).
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import Provider, { errors } from 'oidc-provider';

const clientId = process.env.CLIENT_ID ?? 'webmail';
const clientSecret = process.env.CLIENT_SECRET ?? 'webmail-dev-secret';
const resource = process.env.RESOURCE ?? 'https://mail.test.example/';
const accessTokenTtl = Number(process.env.ACCESS_TOKEN_TTL_SECONDS ?? 300);
const testDomain = 'test.example';
const testPassword = 'test-password';

const privateKey = crypto.createPrivateKey(fs.readFileSync(process.env.SIGNING_KEY_PATH));
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'webmail-dev', alg: 'RS256', use: 'sig' };

const received = [];
const server = http.createServer();
await new Promise((resolve) => server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    // Native: http on a loopback address with any port (RFC 8252), as WebMail's tests run on random ports.
    application_type: 'native',
    redirect_uris: ['http://127.0.0.1/signin-oidc'],
    post_logout_redirect_uris: ['http://127.0.0.1/signout-callback-oidc'],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  jwks: { keys: [signingKey] },
  findAccount: (_ctx, id) => ({
    accountId: id,
    claims: () => ({ sub: id, email: id, email_verified: true, name: id.split('@')[0] }),
  }),
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  scopes: ['openid', 'offline_access', 'email', 'profile'],
  // The access token is for the mail server, not for userinfo: the ID token carries the email claim.
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  features: {
    devInteractions: { enabled: false },
    revocation: { enabled: true },
    resourceIndicators: {
      enabled: true,
      useGrantedResource: () => true,
      getResourceServerInfo: (_ctx, indicator) => {
        if (indicator !== resource) {
          throw new errors.InvalidTarget(`unknown resource ${indicator}`);
        }

        return {
          scope: 'mail',
          audience: 'webmail-mail',
          accessTokenTTL: accessTokenTtl,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'RS256', kid: signingKey.kid } },
        };
      },
    },
  },
  formats: {
    customizers: {
      jwt: (_ctx, token, jwt) => {
        jwt.header = { typ: 'JWT' };
        jwt.payload.email = token.accountId;
        jwt.payload.iat -= 5;
      },
    },
  },
  ttl: {
    AccessToken: (_ctx, token) => token.resourceServer?.accessTokenTTL ?? accessTokenTtl,
    AuthorizationCode: 60,
    IdToken: 3600,
    Interaction: 3600,
    Grant: 86400,
    RefreshToken: 86400,
    Session: 86400,
  },
});

// What the endpoints received, without secrets (no code, refresh token, verifier or client secret).
provider.use(async (ctx, next) => {
  await next();
  const route = ctx.oidc?.route;
  if (route === 'authorization' || route === 'token') {
    const { grant_type: grantType, prompt, resource: asked, scope } = ctx.oidc.params ?? {};
    received.push({ route, grantType, prompt, resource: asked, scope, status: ctx.status });
  }
});

provider.use(async (ctx, next) => {
  if (ctx.path === '/test/requests' && ctx.method === 'GET') {
    ctx.body = received;
    return;
  }

  const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(ctx.path);
  if (!match) {
    await next();
    return;
  }

  const details = await provider.interactionDetails(ctx.req, ctx.res);
  if (match[2] && ctx.method === 'POST') {
    const form = new URLSearchParams(await readBody(ctx.req));
    const email = (form.get('email') ?? '').trim().toLowerCase();
    if (!email.endsWith(`@${testDomain}`) || form.get('password') !== testPassword) {
      ctx.body = loginPage(details.uid, 'The email address or password is incorrect.');
      return;
    }

    ctx.redirect(await provider.interactionResult(ctx.req, ctx.res, { login: { accountId: email } }, { mergeWithLastSubmission: false }));
    return;
  }

  if (details.prompt.name === 'login') {
    ctx.body = loginPage(details.uid);
    return;
  }

  // Consent: granted as asked, including offline_access and the resource's scopes.
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
  const missing = details.prompt.details;
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
    grant.addResourceScope(indicator, scopes.join(' '));
  }

  const grantId = await grant.save();
  ctx.redirect(await provider.interactionResult(ctx.req, ctx.res, { consent: { grantId } }, { mergeWithLastSubmission: true }));
});

function loginPage(uid, error) {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Node OIDC Provider</title></head><body>
<h1>Node OIDC Provider</h1>${error ? `<p role="alert">${error}</p>` : ''}
<form method="post" action="/interaction/${uid}/login">
<label for="email">Email address</label><input id="email" name="email" type="email" autocomplete="username">
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password">
<button type="submit">Sign in</button></form></body></html>`;
}

async function readBody(req) {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 10000) throw new errors.InvalidRequest('form too large');
  }

  return body;
}

server.on('request', provider.callback());
process.stdout.write(`listening ${issuer}\n`);
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
