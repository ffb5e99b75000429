#!/usr/bin/env bash
# Runs WebMail on this machine: installs and starts the local mail stack (Dovecot + Postfix on loopback
# ports), seeds the demo mailboxes once, starts the development identity provider, then WebMail on
# http://127.0.0.1:${WEBMAIL_PORT:-5080}, signing in through that provider (single sign-on, tokens to
# IMAP/SMTP). WEBMAIL_PASSWORD_SIGNIN=1 also offers the mail-password form.
# Ctrl+C stops WebMail and the provider; the mail stack keeps running (deploy/mailstack/mailstack.sh stop).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
port=${WEBMAIL_PORT:-5080}
idp_port=${WEBMAIL_IDP_PORT:-5081}
cd "$repo"

deploy/prerequisites.sh
# Dovecot sends its push notifications (new mail) to the app's port.
export WEBMAIL_PUSH_PORT=$port
deploy/mailstack/mailstack.sh start
eval "$(deploy/mailstack/mailstack.sh env)"

for project in src/WebMail.Web src/WebMail.DevIdentityProvider tests/WebMail.Testing; do
  dotnet build "$project" -c Release -nologo -v quiet -clp:ErrorsOnly
done
echo "run: seeding the demo mailboxes (once)"
dotnet run --project tests/WebMail.Testing -c Release --no-build -- seed-demo

mkdir -p .data
echo "run: starting the development identity provider on http://127.0.0.1:$idp_port"
DevIdentityProvider__SigningKeyPath=$WEBMAIL_IDP_SIGNING_KEY DevIdentityProvider__Issuer="http://127.0.0.1:$idp_port/" \
  dotnet run --project src/WebMail.DevIdentityProvider -c Release --no-build --no-launch-profile -- --urls "http://127.0.0.1:$idp_port" \
  </dev/null >.data/identity-provider.log 2>&1 &
idp=$!
trap 'kill $idp 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  curl -fs -o /dev/null "http://127.0.0.1:$idp_port/.well-known/openid-configuration" && break
  kill -0 $idp 2>/dev/null || { echo "run: the identity provider did not start; see .data/identity-provider.log" >&2; exit 1; }
  sleep 0.5
done

export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
export ASPNETCORE_URLS="http://127.0.0.1:$port"
export WebMail__DataDirectory=$repo/.data/app
# shellcheck source=local-app-env.sh
. "$repo/deploy/local-app-env.sh"
local_app_env "$idp_port"
export WebMail__Authentication__Password__Enabled=$([[ ${WEBMAIL_PASSWORD_SIGNIN:-0} == 1 ]] && echo true || echo false)

cat <<MSG

  WebMail is starting on http://127.0.0.1:$port
  Sign in at the identity provider as alice@example.test / alice-demo   (or bob@example.test / bob-demo)

MSG
dotnet run --project src/WebMail.Web -c Release --no-build --no-launch-profile
