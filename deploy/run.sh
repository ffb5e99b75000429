#!/usr/bin/env bash
# Runs WebMail on this machine: installs and starts the local mail stack (Dovecot + Postfix on loopback
# ports), seeds the demo mailboxes once, then starts the app on http://127.0.0.1:${WEBMAIL_PORT:-5080}.
# Ctrl+C stops the app; the mail stack keeps running (deploy/mailstack/mailstack.sh stop ends it).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
port=${WEBMAIL_PORT:-5080}
cd "$repo"

deploy/prerequisites.sh
deploy/mailstack/mailstack.sh start
eval "$(deploy/mailstack/mailstack.sh env)"

echo "run: seeding the demo mailboxes (once)"
dotnet run --project tests/WebMail.Testing -c Release -- seed-demo

export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
export ASPNETCORE_URLS="http://127.0.0.1:$port"
export WebMail__Imap__Host=127.0.0.1
export WebMail__Imap__Port=$WEBMAIL_IMAP_PORT
export WebMail__Imap__Security=StartTls
export WebMail__Imap__TrustedCertificatePath=$WEBMAIL_TLS_CERT
export WebMail__DataDirectory=$repo/.data/app
export WebMail__Smtp__Host=127.0.0.1
export WebMail__Smtp__Port=$WEBMAIL_SUBMISSION_PORT
export WebMail__Smtp__Security=StartTls
export WebMail__Smtp__TrustedCertificatePath=$WEBMAIL_TLS_CERT

cat <<MSG

  WebMail is starting on http://127.0.0.1:$port
  Sign in as alice@example.test / alice-demo   (or bob@example.test / bob-demo)

MSG
exec dotnet run --project src/WebMail.Web -c Release --no-launch-profile
