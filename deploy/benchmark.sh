#!/usr/bin/env bash
# On-demand benchmark (not part of CI): starts the mail stack, seeds a 100,000-message folder once,
# and reports folder-open time in WebMail against direct MailKit, as a ratio measured in the same run.
#   deploy/benchmark.sh [iterations]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
deploy/prerequisites.sh --browser
deploy/mailstack/mailstack.sh start
eval "$(deploy/mailstack/mailstack.sh env)"
export WEBMAIL_STACK_DIR WEBMAIL_IMAP_PORT WEBMAIL_SMTP_PORT WEBMAIL_DOVECOT_CONF WEBMAIL_TLS_CERT
dotnet run --project tests/WebMail.Benchmarks -c Release -- "${1:-30}"
