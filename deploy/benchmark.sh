#!/usr/bin/env bash
# On-demand benchmarks (not part of CI), each against a baseline measured in the same run:
#   deploy/benchmark.sh folder [iterations]  open a 100,000-message folder (seeded once) vs direct MailKit
#   deploy/benchmark.sh push [messages]      SMTP → new row in two tabs vs a raw IDLE client
#   deploy/benchmark.sh scale [users]        N users with one tab each, mail to random users; memory per user
#   deploy/benchmark.sh open-html [runs]     click → 1 MB HTML newsletter frame loaded vs IMAP fetch + sanitizer
#   deploy/benchmark.sh signin [runs]        sign-in submit → inbox rows vs MailKit connect + login + SELECT + FETCH 50
#   deploy/benchmark.sh commands [messages]  IMAP commands per new message, 1 and 5 tabs (counting proxy)
#   deploy/benchmark.sh memory [opens]       app RSS before/after opening a 20 MB HTML mail N times
#   deploy/benchmark.sh jump [runs]          jump to the middle of 100k: right rows painted vs raw FETCH of that range
#   deploy/benchmark.sh search [runs]        subject:/from: in 100k: hits painted vs raw UID SEARCH + FETCH of a screen
#   deploy/benchmark.sh search-all [runs]    subject: over 20 folders: first hits painted vs the fastest folder's raw search
#   deploy/benchmark.sh sort [runs]          sort 100k by sender: screen painted vs raw UID SORT + FETCH
#   deploy/benchmark.sh threads [runs]       conversations of a 10k folder: screen painted vs raw UID THREAD + FETCH
#   deploy/benchmark.sh cluster [users]      2 instances behind nginx (deploy/cluster.sh) vs 1: push p50/p99 ratio, memory per
#                                            user, failover after kill -9 (tabs usable again, drafts kept); needs root
#   WEBMAIL_BENCH_PROFILE=1 deploy/benchmark.sh …  also prints one run's IMAP commands (counting proxy) and circuit frames
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
deploy/prerequisites.sh --browser
deploy/mailstack/mailstack.sh start
eval "$(deploy/mailstack/mailstack.sh env)"
export WEBMAIL_STACK_DIR WEBMAIL_IMAP_PORT WEBMAIL_SMTP_PORT WEBMAIL_SUBMISSION_PORT WEBMAIL_DOVECOT_CONF WEBMAIL_TLS_CERT
export WEBMAIL_PUSH_SECRET=${WEBMAIL_PUSH_SECRET:-} WEBMAIL_PUSH_PORT=${WEBMAIL_PUSH_PORT:-}
dotnet run --project tests/WebMail.Benchmarks -c Release -- "${1:-folder}" "${2:-0}"
