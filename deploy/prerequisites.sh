#!/usr/bin/env bash
# Installs what WebMail's run and test commands need on a fresh Debian 12 machine, skipping what is
# already there: the mail stack (Dovecot, Postfix; see mailstack/mailstack.sh install) and, with
# --browser, Debian's Chromium for the browser tests and the node packages of the second test identity
# provider (npm ci; Node.js 18+ must be on PATH). The .NET 10 SDK must already be on PATH.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

command -v dotnet >/dev/null || { echo "prerequisites: the .NET 10 SDK (dotnet) is not on PATH; install it first: https://learn.microsoft.com/dotnet/core/install/linux-debian" >&2; exit 1; }

"$here/mailstack/mailstack.sh" install

# Several instances (deploy/cluster.sh and its tests): nginx in front, Redis between the instances.
missing=()
command -v nginx >/dev/null || missing+=(nginx-light)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v envsubst >/dev/null || missing+=(gettext-base)
if ((${#missing[@]})); then
  echo "prerequisites: installing ${missing[*]} (Debian packages)"
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q -o DPkg::Lock::Timeout=300 "${missing[@]}" >/dev/null; then
    apt-get update -q >/dev/null
    apt-get install -y -q -o DPkg::Lock::Timeout=300 "${missing[@]}" >/dev/null
  fi
fi

# Debian's docker-compose checks docker-compose.yml without a Docker engine (ComposeToolTests: `config -q`).
# Without recommends: those would bring the engine itself.
if ! command -v docker-compose >/dev/null && ! docker compose version >/dev/null 2>&1; then
  echo "prerequisites: installing docker-compose (Debian package, no engine) to check docker-compose.yml"
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=300 docker-compose >/dev/null; then
    apt-get update -q >/dev/null
    apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=300 docker-compose >/dev/null
  fi
fi

if [[ ${1:-} == --browser && ! -x /usr/bin/chromium ]]; then
  echo "prerequisites: installing chromium (Debian package) for the browser tests"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q -o DPkg::Lock::Timeout=300 chromium >/dev/null; then
    apt-get update -q >/dev/null
    apt-get install -y -q -o DPkg::Lock::Timeout=300 chromium >/dev/null
  fi
fi

# The second identity provider of the SSO tests (node oidc-provider): its packages, from the lock file.
if [[ ${1:-} == --browser ]]; then
  node_idp="$here/../tests/WebMail.Testing.Web/NodeOidcProvider"
  if ! command -v npm >/dev/null; then
    echo "prerequisites: npm (Node.js 18 or later) is not on PATH; the SSO tests against node oidc-provider need it" >&2
    exit 1
  fi
  if [[ ! -f $node_idp/node_modules/.package-lock.json || $node_idp/package-lock.json -nt $node_idp/node_modules/.package-lock.json ]]; then
    echo "prerequisites: installing the test identity provider's node packages (npm ci)"
    (cd "$node_idp" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
fi
