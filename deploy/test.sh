#!/usr/bin/env bash
# Runs every test of WebMail: installs what is missing (mail stack, Chromium), starts the local mail
# stack, runs each test project against it, and ends with one line "N passed, N failed, N skipped"
# summed over all projects. Exits non-zero if anything failed or did not run.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

deploy/prerequisites.sh --browser
# Leave the machine as we found it: a stack this run started is stopped at the end; one that was
# already running (a developer's) keeps running.
if ! deploy/mailstack/mailstack.sh status >/dev/null 2>&1; then
  trap 'deploy/mailstack/mailstack.sh stop >/dev/null 2>&1 || true; deploy/postgres.sh stop >/dev/null 2>&1 || true; deploy/redis.sh stop >/dev/null 2>&1 || true' EXIT
fi
deploy/mailstack/mailstack.sh start
deploy/postgres.sh start
deploy/redis.sh start
eval "$(deploy/postgres.sh env)"
eval "$(deploy/redis.sh env)"
export WEBMAIL_POSTGRES WEBMAIL_REDIS
eval "$(deploy/mailstack/mailstack.sh env)"
export WEBMAIL_STACK_DIR WEBMAIL_IMAP_PORT WEBMAIL_IMAPS_PORT WEBMAIL_SMTP_PORT WEBMAIL_SUBMISSION_PORT WEBMAIL_MANAGESIEVE_PORT WEBMAIL_DOVECOT_CONF WEBMAIL_TLS_CERT WEBMAIL_IDP_SIGNING_KEY WEBMAIL_PUSH_SECRET WEBMAIL_PUSH_PORT

dotnet build WebMail.sln -c Release -nologo -v quiet -clp:ErrorsOnly

projects=(tests/WebMail.Mail.Tests tests/WebMail.DevIdentityProvider.Tests tests/WebMail.Web.Tests tests/WebMail.EndToEnd.Tests)
passed=0 failed=0 skipped=0 status=0
log=$(mktemp)
for project in "${projects[@]}"; do
  echo "== $project"
  set +e
  dotnet test "$project" -c Release --no-build -nologo 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  set -e
  summary=$(grep -E '^(Passed|Failed)!' "$log" | tail -n 1 || true)
  if [[ $summary =~ Failed:[[:space:]]*([0-9]+),[[:space:]]*Passed:[[:space:]]*([0-9]+),[[:space:]]*Skipped:[[:space:]]*([0-9]+) ]]; then
    failed=$((failed + BASH_REMATCH[1])); passed=$((passed + BASH_REMATCH[2])); skipped=$((skipped + BASH_REMATCH[3]))
  else
    echo "test: $project produced no result summary (build or host failure); counting it as one failure" >&2
    failed=$((failed + 1))
  fi
  [[ $rc -eq 0 ]] || status=1
done
rm -f "$log"

echo "$passed passed, $failed failed, $skipped skipped"
[[ $failed -eq 0 && $status -eq 0 ]]
