#!/usr/bin/env bash
# Installs what WebMail's run and test commands need on a fresh Debian 12 machine, skipping what is
# already there: the mail stack (Dovecot, Postfix; see mailstack/mailstack.sh install) and, with
# --browser, Debian's Chromium for the browser tests. The .NET 10 SDK must already be on PATH.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

command -v dotnet >/dev/null || { echo "prerequisites: the .NET 10 SDK (dotnet) is not on PATH; install it first: https://learn.microsoft.com/dotnet/core/install/linux-debian" >&2; exit 1; }

"$here/mailstack/mailstack.sh" install

if [[ ${1:-} == --browser && ! -x /usr/bin/chromium ]]; then
  echo "prerequisites: installing chromium (Debian package) for the browser tests"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q -o DPkg::Lock::Timeout=300 chromium >/dev/null; then
    apt-get update -q >/dev/null
    apt-get install -y -q -o DPkg::Lock::Timeout=300 chromium >/dev/null
  fi
fi
