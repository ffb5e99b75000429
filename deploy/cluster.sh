#!/usr/bin/env bash
# WebMail as a team runs it, on one machine: nginx on http://127.0.0.1:${WEBMAIL_CLUSTER_PORT:-5090} in front of two
# WebMail instances (127.0.0.1:5091 "one", 127.0.0.1:5092 "two") sharing one PostgreSQL settings database (sign-ins,
# Data Protection keys sealed with a certificate made here once) and one Redis, with the local mail stack, the
# development identity provider and the demo mailboxes. Every part runs from its own data folder; nothing is installed
# system-wide except Debian packages that are missing.
#   deploy/cluster.sh start | stop | status | env
# Settings (environment): WEBMAIL_CLUSTER_PORT (5090), WEBMAIL_CLUSTER_PORT_1 (5091), WEBMAIL_CLUSTER_PORT_2 (5092),
#   WEBMAIL_CLUSTER_IDP_PORT (5089), WEBMAIL_CLUSTER_DIR (<repo>/.data/cluster), WEBMAIL_CLUSTER_DATABASE
#   (webmail_cluster), WEBMAIL_PASSWORD_SIGNIN (1: also offer the mail-password form), WEBMAIL_CLUSTER_MAILSTACK
#   (keep: use a running mail stack as it is, without pointing its push notifications at this nginx), plus those of
#   deploy/mailstack/mailstack.sh, deploy/postgres.sh and deploy/redis.sh.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
# shellcheck source=reachable.sh
. "$repo/deploy/reachable.sh"
# shellcheck source=local-app-env.sh
. "$repo/deploy/local-app-env.sh"
# nginx's workers run as nobody and write their temp files here: the folder must be reachable (a root clone in a
# `mktemp -d` folder is not).
dir=$(reachable_dir "${WEBMAIL_CLUSTER_DIR:-$repo/.data/cluster}" webmail-cluster)
proxy_port=${WEBMAIL_CLUSTER_PORT:-5090}
ports=("${WEBMAIL_CLUSTER_PORT_1:-5091}" "${WEBMAIL_CLUSTER_PORT_2:-5092}")
names=(one two)
idp_port=${WEBMAIL_CLUSTER_IDP_PORT:-5089}
database=${WEBMAIL_CLUSTER_DATABASE:-webmail_cluster}
pg_port=${WEBMAIL_POSTGRES_PORT:-55432}
redis_port=${WEBMAIL_REDIS_PORT:-56379}
web_dll=$repo/src/WebMail.Web/bin/Release/net10.0/WebMail.Web.dll
idp_dll=$repo/src/WebMail.DevIdentityProvider/bin/Release/net10.0/WebMail.DevIdentityProvider.dll
testing_dll=$repo/tests/WebMail.Testing/bin/Release/net10.0/WebMail.Testing.dll
started=$dir/started # what this script started (and stop stops): lines "mailstack", "postgres", "redis"

say() { echo "cluster: $*"; }
die() { echo "cluster: error: $*" >&2; exit 1; }
alive() { [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }
answers() { curl -fs -o /dev/null --max-time 2 "$1"; }
psql_bin() { ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -n 1; }
pg_up() { [[ -n $(psql_bin) ]] && "$(psql_bin)" "host=127.0.0.1 port=$pg_port user=postgres dbname=postgres connect_timeout=2" -tAc 'select 1' >/dev/null 2>&1; }

# wait_for URL PIDFILE LOG WHAT: until URL answers 2xx, the process dies, or 90 s pass.
wait_for() {
  local i
  for i in $(seq 1 180); do
    answers "$1" && return 0
    alive "$2" || { tail -n 30 "$3" >&2; die "$4 stopped while starting (log: $3)"; }
    sleep 0.5
  done
  die "$4 did not answer $1 within 90 s (log: $3)"
}

build_if_missing() {
  local project
  for project in "$web_dll:src/WebMail.Web" "$idp_dll:src/WebMail.DevIdentityProvider" "$testing_dll:tests/WebMail.Testing"; do
    if [[ ! -f ${project%%:*} ]]; then
      say "building ${project#*:} (Release)"
      dotnet build "${project#*:}" -c Release -nologo -v quiet -clp:ErrorsOnly
    fi
  done
}

start_services() {
  mkdir -p "$dir"
  touch "$started"
  # Dovecot's push notifications go to nginx, which hands them to any instance (the instances route them on).
  if [[ ${WEBMAIL_CLUSTER_MAILSTACK:-} == keep ]] && deploy/mailstack/mailstack.sh status >/dev/null 2>&1; then
    say "mail stack: running, kept as it is (its push notifications are not pointed at this nginx)"
  else
    deploy/mailstack/mailstack.sh status >/dev/null 2>&1 || echo mailstack >>"$started"
    WEBMAIL_PUSH_PORT=$proxy_port deploy/mailstack/mailstack.sh start >/dev/null
  fi
  if ! pg_up; then
    deploy/postgres.sh start && echo postgres >>"$started"
  fi
  if ! redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null | grep -q PONG; then
    deploy/redis.sh start && echo redis >>"$started"
  fi
  local psql
  psql=$(psql_bin)
  if [[ -z $("$psql" "host=127.0.0.1 port=$pg_port user=postgres dbname=postgres" -tAc "select 1 from pg_database where datname = '$database'") ]]; then
    "$psql" "host=127.0.0.1 port=$pg_port user=postgres dbname=postgres" -qc "create database \"$database\"" >/dev/null
    say "postgres: made the settings database $database"
  fi
}

# The certificate that seals the Data Protection key ring in the database (every instance needs the same one).
make_key_certificate() {
  [[ -f $dir/keys/cert.pem && -f $dir/keys/key.pem ]] && return 0
  mkdir -p "$dir/keys"
  chmod 700 "$dir/keys"
  openssl req -x509 -newkey rsa:3072 -nodes -days 3650 -subj "/CN=WebMail Data Protection (local cluster)" \
    -keyout "$dir/keys/key.pem" -out "$dir/keys/cert.pem" 2>/dev/null
  chmod 600 "$dir/keys/key.pem"
  say "made the certificate that seals the Data Protection keys: $dir/keys/cert.pem"
}

start_idp() {
  alive "$dir/idp.pid" && return 0
  (
    cd src/WebMail.DevIdentityProvider
    DevIdentityProvider__SigningKeyPath=$WEBMAIL_IDP_SIGNING_KEY DevIdentityProvider__Issuer="http://127.0.0.1:$idp_port/" \
      ASPNETCORE_URLS="http://127.0.0.1:$idp_port" setsid dotnet "$idp_dll" </dev/null >"$dir/idp.log" 2>&1 &
    echo $! >"$dir/idp.pid"
  )
  wait_for "http://127.0.0.1:$idp_port/.well-known/openid-configuration" "$dir/idp.pid" "$dir/idp.log" "the identity provider"
}

# start_instance N: WebMail instance N (0-based) on its port.
start_instance() {
  local n=$1 port=${ports[$1]} name=${names[$1]}
  local pidfile=$dir/instance-$name.pid log=$dir/instance-$name.log
  alive "$pidfile" && return 0
  (
    cd src/WebMail.Web
    export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
    export ASPNETCORE_URLS="http://127.0.0.1:$port"
    export WebMail__DataDirectory=$dir/data-$name
    export WebMail__Cluster__InstanceName=$name
    export WebMail__Cluster__Redis="127.0.0.1:$redis_port"
    export WebMail__Database__Provider=PostgreSql
    export WebMail__Database__ConnectionString="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$database"
    export WebMail__DataProtection__CertificatePath=$dir/keys/cert.pem
    export WebMail__DataProtection__CertificateKeyPath=$dir/keys/key.pem
    export WebMail__ForwardedHeaders__KnownProxies__0=127.0.0.1
    local_app_env "$idp_port"
    export WebMail__Authentication__Password__Enabled=$([[ ${WEBMAIL_PASSWORD_SIGNIN:-1} == 1 ]] && echo true || echo false)
    mkdir -p "$WebMail__DataDirectory"
    setsid dotnet "$web_dll" </dev/null >"$log" 2>&1 &
    echo $! >"$pidfile"
  )
  # The database is migrated before the instance listens: one at a time, so two never migrate at once.
  wait_for "http://127.0.0.1:$port/healthz" "$pidfile" "$log" "instance $name (127.0.0.1:$port)"
  say "instance $name: http://127.0.0.1:$port (pid $(cat "$pidfile"), log $log)"
}

start_nginx() {
  local conf=$dir/nginx
  mkdir -p "$conf/logs" "$conf/temp"
  WEBMAIL_PROXY_LISTEN="127.0.0.1:$proxy_port" WEBMAIL_INSTANCE_1="127.0.0.1:${ports[0]}" WEBMAIL_INSTANCE_2="127.0.0.1:${ports[1]}" \
    envsubst '${WEBMAIL_PROXY_LISTEN} ${WEBMAIL_INSTANCE_1} ${WEBMAIL_INSTANCE_2}' \
    <deploy/nginx/webmail.conf.template >"$conf/webmail.conf"
  cat >"$conf/nginx.conf" <<EOF
# Rendered by deploy/cluster.sh: a private nginx (not /etc/nginx) for the local cluster.
worker_processes 1;
pid $conf/nginx.pid;
error_log $conf/logs/error.log warn;
events { worker_connections 1024; }
http {
    access_log $conf/logs/access.log;
    client_body_temp_path $conf/temp/body;
    proxy_temp_path $conf/temp/proxy;
    fastcgi_temp_path $conf/temp/fastcgi;
    uwsgi_temp_path $conf/temp/uwsgi;
    scgi_temp_path $conf/temp/scgi;
    include $conf/webmail.conf;
}
EOF
  nginx -t -q -p "$conf" -c "$conf/nginx.conf" || die "the rendered nginx config is refused ($conf/nginx.conf)"
  if alive "$conf/nginx.pid"; then
    nginx -q -p "$conf" -c "$conf/nginx.conf" -s reload 2>>"$conf/logs/error.log"
  else
    nginx -p "$conf" -c "$conf/nginx.conf" </dev/null >/dev/null 2>>"$conf/logs/error.log"
  fi
  for _ in $(seq 1 50); do answers "http://127.0.0.1:$proxy_port/healthz" && break; sleep 0.1; done
  answers "http://127.0.0.1:$proxy_port/healthz" || die "nginx does not answer on 127.0.0.1:$proxy_port (log: $conf/logs/error.log)"
}

# stop_pid FILE WHAT: SIGTERM (an instance drains: up to its 25 s shutdown timeout), then SIGKILL.
stop_pid() {
  local pid
  alive "$1" || { rm -f "$1"; return 0; }
  pid=$(cat "$1")
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    say "$2 did not stop in 30 s: killed"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$1"
  say "stopped $2"
}

cmd_env() {
  cat <<EOF
export WEBMAIL_CLUSTER_URL='http://127.0.0.1:$proxy_port'
export WEBMAIL_CLUSTER_INSTANCE_1_URL='http://127.0.0.1:${ports[0]}'
export WEBMAIL_CLUSTER_INSTANCE_2_URL='http://127.0.0.1:${ports[1]}'
export WEBMAIL_CLUSTER_INSTANCE_1_PID_FILE='$dir/instance-one.pid'
export WEBMAIL_CLUSTER_INSTANCE_2_PID_FILE='$dir/instance-two.pid'
export WEBMAIL_CLUSTER_NGINX_PID_FILE='$dir/nginx/nginx.pid'
export WEBMAIL_CLUSTER_IDP_URL='http://127.0.0.1:$idp_port'
export WEBMAIL_CLUSTER_IDP_PID_FILE='$dir/idp.pid'
export WEBMAIL_CLUSTER_DIR='$dir'
export WEBMAIL_CLUSTER_POSTGRES='Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$database'
export WEBMAIL_REDIS='127.0.0.1:$redis_port'
EOF
}

cmd_status() {
  local ok=0 name i
  for i in 0 1; do
    name=${names[$i]}
    if alive "$dir/instance-$name.pid"; then
      echo "instance $name: running (pid $(cat "$dir/instance-$name.pid")), /readyz $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:${ports[$i]}/readyz")"
    else
      echo "instance $name: not running"; ok=3
    fi
  done
  if alive "$dir/nginx/nginx.pid"; then echo "nginx: running on 127.0.0.1:$proxy_port (pid $(cat "$dir/nginx/nginx.pid"))"; else echo "nginx: not running"; ok=3; fi
  if alive "$dir/idp.pid"; then echo "identity provider: running on 127.0.0.1:$idp_port"; else echo "identity provider: not running"; ok=3; fi
  return $ok
}

case ${1:-} in
  start)
    [[ $(id -u) -eq 0 ]] || die "must run as root (the mail stack and PostgreSQL switch to their own users)"
    command -v nginx >/dev/null && command -v envsubst >/dev/null && command -v redis-server >/dev/null || deploy/prerequisites.sh
    build_if_missing
    start_services
    eval "$(deploy/mailstack/mailstack.sh env)"
    dotnet "$testing_dll" seed-demo >/dev/null
    make_key_certificate
    start_idp
    start_instance 0
    start_instance 1
    start_nginx
    cat <<EOF

  WebMail (2 instances behind nginx) is running on http://127.0.0.1:$proxy_port
  Sign in with the dev identity provider as alice@example.test / alice-demo (or bob@example.test / bob-demo)$([[ ${WEBMAIL_PASSWORD_SIGNIN:-1} == 1 ]] && echo ",
  or with the mail password (the same, or any user@test.example / test-password)").
  Each response says which instance served it (X-WebMail-Instance). deploy/cluster.sh stop stops it all.

EOF
    ;;
  stop)
    if alive "$dir/nginx/nginx.pid"; then
      nginx -p "$dir/nginx" -c "$dir/nginx/nginx.conf" -s quit 2>/dev/null || kill "$(cat "$dir/nginx/nginx.pid")"
      for _ in $(seq 1 50); do alive "$dir/nginx/nginx.pid" || break; sleep 0.1; done
      say "stopped nginx"
    fi
    stop_pid "$dir/instance-one.pid" "instance one" &
    stop_pid "$dir/instance-two.pid" "instance two" &
    wait
    stop_pid "$dir/idp.pid" "the identity provider"
    if [[ -f $started ]]; then
      grep -qx redis "$started" && deploy/redis.sh stop
      grep -qx postgres "$started" && deploy/postgres.sh stop
      grep -qx mailstack "$started" && deploy/mailstack/mailstack.sh stop
      rm -f "$started"
    fi
    ;;
  status) cmd_status ;;
  env) cmd_env ;;
  *)
    echo "usage: deploy/cluster.sh start|stop|status|env" >&2
    exit 2
    ;;
esac
