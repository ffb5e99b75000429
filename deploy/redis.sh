#!/usr/bin/env bash
# A private Redis for WebMail's several-instance set-up and its tests (messages between instances and short-lived
# coordination only; nothing is saved to disk). Loopback only, port ${WEBMAIL_REDIS_PORT:-56379}.
#   deploy/redis.sh start | stop | env
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=reachable.sh
. "$repo/deploy/reachable.sh"
dir=$(reachable_dir "${WEBMAIL_REDIS_DIR:-$repo/.data/redis}" webmail-redis)
port=${WEBMAIL_REDIS_PORT:-56379}

ping() { redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null | grep -q PONG; }

case ${1:-} in
  start)
    if ! command -v redis-server >/dev/null; then
      echo "redis: installing redis-server (Debian package)" >&2
      printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
      export DEBIAN_FRONTEND=noninteractive
      apt-get install -y -q -o DPkg::Lock::Timeout=300 redis-server >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q -o DPkg::Lock::Timeout=300 redis-server >/dev/null; }
    fi
    mkdir -p "$dir"
    if ! ping; then
      # No persistence: Redis never holds the only copy of anything in WebMail.
      redis-server --bind 127.0.0.1 --port "$port" --save "" --appendonly no --daemonize yes \
        --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
      for _ in $(seq 1 50); do ping && break; sleep 0.1; done
      ping || { echo "redis: did not start on 127.0.0.1:$port (log: $dir/redis.log)" >&2; exit 1; }
    fi
    echo "redis: running on 127.0.0.1:$port"
    ;;
  stop)
    if ping; then redis-cli -h 127.0.0.1 -p "$port" shutdown nosave >/dev/null 2>&1 || true; fi
    echo "redis: stopped"
    ;;
  env)
    echo "export WEBMAIL_REDIS='127.0.0.1:$port'"
    ;;
  *)
    echo "usage: deploy/redis.sh start|stop|env" >&2
    exit 2
    ;;
esac
