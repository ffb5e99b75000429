#!/usr/bin/env bash
# A private PostgreSQL for the tests of WebMail's PostgreSQL settings database (the product defaults to
# SQLite). Loopback only, trust authentication, data in ${WEBMAIL_POSTGRES_DIR:-<repo>/.data/postgres}.
#   deploy/postgres.sh start | stop | env
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dir=${WEBMAIL_POSTGRES_DIR:-$repo/.data/postgres}
# shellcheck source=reachable.sh
. "$repo/deploy/reachable.sh"
dir=$(reachable_dir "$dir" webmail-postgres)
port=${WEBMAIL_POSTGRES_PORT:-55432}

bin() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -z $found ]]; then
    echo "postgres: installing PostgreSQL (Debian package)" >&2
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q -o DPkg::Lock::Timeout=300 postgresql >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q -o DPkg::Lock::Timeout=300 postgresql >/dev/null; }
    found=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  echo "$found"
}

as_postgres() { su postgres -s /bin/bash -c "$*"; }

case ${1:-} in
  start)
    pg=$(bin)
    mkdir -p "$dir"
    chown postgres:postgres "$dir"
    chmod 700 "$dir"
    [[ -f $dir/PG_VERSION ]] || as_postgres "'$pg/initdb' -D '$dir' -A trust -U postgres -E UTF8" >/dev/null
    if ! as_postgres "'$pg/pg_ctl' -D '$dir' status" >/dev/null 2>&1; then
      as_postgres "'$pg/pg_ctl' -D '$dir' -l '$dir/server.log' -w -o \"-p $port -k '$dir' -h 127.0.0.1\" start" >/dev/null
    fi
    echo "postgres: running on 127.0.0.1:$port (data $dir)"
    ;;
  stop)
    pg=$(bin)
    [[ -f $dir/PG_VERSION ]] && as_postgres "'$pg/pg_ctl' -D '$dir' -m fast -w stop" >/dev/null 2>&1 || true
    echo "postgres: stopped"
    ;;
  env)
    echo "export WEBMAIL_POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres'"
    ;;
  *)
    echo "usage: deploy/postgres.sh start|stop|env" >&2
    exit 2
    ;;
esac
