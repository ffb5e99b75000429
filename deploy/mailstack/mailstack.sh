#!/usr/bin/env bash
# WebMail local mail stack: Dovecot (IMAP, IMAPS, LMTP, ManageSieve) + Postfix (SMTP, submission), all on
# 127.0.0.1, with their own configs, mail, logs and queue under one data folder.
# Never touches /etc/dovecot, /etc/postfix or system-wide services. See README.md beside it.
#
# Usage: mailstack.sh install|start|stop|restart|status|env
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$SCRIPT_DIR/../.." && pwd)

# ---- settings (environment, with defaults) ----------------------------------------------
STACK_DIR=${WEBMAIL_STACK_DIR:-$REPO_DIR/.data/mailstack}
# shellcheck source=../reachable.sh
. "$SCRIPT_DIR/../reachable.sh"
STACK_DIR=$(reachable_dir "$STACK_DIR" webmail-mailstack)
IMAP_PORT=${WEBMAIL_IMAP_PORT:-1143}
IMAPS_PORT=${WEBMAIL_IMAPS_PORT:-1993}
LMTP_PORT=${WEBMAIL_LMTP_PORT:-1024}
SMTP_PORT=${WEBMAIL_SMTP_PORT:-1025}
SUBMISSION_PORT=${WEBMAIL_SUBMISSION_PORT:-1587}
# ManageSieve (RFC 5804, Pigeonhole): WebMail's filters and vacation responder.
MANAGESIEVE_PORT=${WEBMAIL_MANAGESIEVE_PORT:-4190}
# WebMail's port on 127.0.0.1: Dovecot PUTs new-mail events to its /internal/dovecot/push (README).
PUSH_PORT=${WEBMAIL_PUSH_PORT:-5080}

# Mail files belong to this numeric uid/gid (Dovecot refuses to store mail as root).
MAIL_UID=5000
MAIL_GID=5000
TEST_DOMAIN=test.example
TEST_PASSWORD=test-password
START_TIMEOUT=20
STOP_TIMEOUT=20

die() { echo "mailstack: error: $*" >&2; exit 1; }
say() { echo "mailstack: $*"; }
have() { command -v "$1" >/dev/null 2>&1; }

# ---- derived paths ----------------------------------------------------------------------
case $STACK_DIR in /*) ;; *) STACK_DIR=$PWD/$STACK_DIR ;; esac
STACK_DIR=$(realpath -m -- "$STACK_DIR")
# The paths go verbatim into Dovecot/Postfix configs and sed replacements.
[[ $STACK_DIR =~ ^/[A-Za-z0-9_./+-]*$ ]] ||
  die "WEBMAIL_STACK_DIR must be a path made of [A-Za-z0-9_./+-] only (got '$STACK_DIR')"
[[ $STACK_DIR != / ]] || die "WEBMAIL_STACK_DIR must not be /"

for _p in IMAP_PORT IMAPS_PORT LMTP_PORT SMTP_PORT SUBMISSION_PORT MANAGESIEVE_PORT PUSH_PORT; do
  if ! [[ ${!_p} =~ ^[1-9][0-9]{0,4}$ ]] || (( ${!_p} > 65535 )); then
    die "WEBMAIL_$_p must be a port number 1-65535 (got '${!_p}')"
  fi
done
ALL_PORTS=("$IMAP_PORT" "$IMAPS_PORT" "$LMTP_PORT" "$SMTP_PORT" "$SUBMISSION_PORT" "$MANAGESIEVE_PORT")
[[ $(printf '%s\n' "${ALL_PORTS[@]}" | sort -u | wc -l) -eq 6 ]] ||
  die "the six WEBMAIL_*_PORT values must differ: ${ALL_PORTS[*]}"
[[ " ${ALL_PORTS[*]} " != *" $PUSH_PORT "* ]] ||
  die "WEBMAIL_PUSH_PORT ($PUSH_PORT) is WebMail's port and must differ from the stack's own ports: ${ALL_PORTS[*]}"
DOVECOT_PORTS=("$IMAP_PORT" "$IMAPS_PORT" "$LMTP_PORT" "$MANAGESIEVE_PORT")
POSTFIX_PORTS=("$SMTP_PORT" "$SUBMISSION_PORT")

DC_DIR=$STACK_DIR/dovecot
DC_CONF=$DC_DIR/dovecot.conf
PF_CONFIG_DIR=$STACK_DIR/postfix
PF_QUEUE_DIR=$STACK_DIR/postfix-queue
PF_DATA_DIR=$STACK_DIR/postfix-data
MAIL_DIR=$STACK_DIR/mail
TLS_DIR=$STACK_DIR/tls
LOG_DIR=$STACK_DIR/log
# The dev identity provider's token signing key (private, for the provider) and its public key
# in the dict layout of Dovecot's oauth2 passdb: keys/<azp or "default">/<alg>/<kid>.
OAUTH2_DIR=$STACK_DIR/oauth2
IDP_SIGNING_KEY=$OAUTH2_DIR/signing-key.pem
IDP_KEY_ID=webmail-dev
# The client id of the app at the dev provider: tokens carrying it as "azp" are looked up
# under this name, tokens without "azp" under "default"; both hold the same key.
IDP_KEY_AZPS=(default webmail)
CTL_LOG=$LOG_DIR/mailstack.log
# The shared secret Dovecot sends to WebMail's push endpoint (HTTP Basic, user "dovecot"):
# WEBMAIL_PUSH_SECRET when set, else made on the first start. The file holds the one in use.
PUSH_DIR=$STACK_DIR/push
PUSH_SECRET_FILE=$PUSH_DIR/secret
PUSH_SECRET=''
PUSH_CHANGED=''

# Unix socket paths must fit in sun_path (108 bytes). Dovecot's base_dir holds its sockets
# (the longest name is ~30 bytes, e.g. "token-login/imap-urlauth"; the SASL socket for Postfix
# is there too), and Postfix connects to "<queue_directory>/public/postlog" by absolute path
# (it fails silently, logging only to the absent syslog, when that is too long). With a
# long data folder path, both go through a short directory named after a hash of the data
# folder: base_dir lives there, and the queue directory is reached via a symlink, so the
# queue itself (like everything else) stays in the data folder.
PF_QUEUE_REAL=$PF_QUEUE_DIR
SHORT_DIR=''
BASE_DIR=$STACK_DIR/run
if (( ${#STACK_DIR} > 50 )); then
  _hash=$(printf '%s' "$STACK_DIR" | sha256sum | cut -c1-12)
  if [[ -d /run && -w /run ]]; then SHORT_DIR=/run/webmail-mailstack-$_hash
  else SHORT_DIR=/tmp/webmail-mailstack-$_hash; fi
  BASE_DIR=$SHORT_DIR/dovecot
  PF_QUEUE_DIR=$SHORT_DIR/postfix-queue
fi

# ---- helpers ----------------------------------------------------------------------------
require_root() {
  [[ $(id -u) -eq 0 ]] || die "must run as root (Dovecot and Postfix switch to their own users)"
}

binaries_present() {
  have dovecot && have doveadm && have postfix && have openssl &&
    [[ -x /usr/lib/dovecot/imap && -x /usr/lib/dovecot/lmtp && -x /usr/lib/dovecot/managesieve &&
       -e /usr/lib/dovecot/modules/lib90_sieve_plugin.so && -x /usr/lib/postfix/sbin/master ]]
}

# Is process $1 alive? A zombie is not: PID 1 on these machines is no real init and may reap
# the exited Postfix master late, and kill -0 succeeds on zombies.
proc_alive() {
  local st
  st=$(sed -E 's/^.*\) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1) || return 1
  [[ -n $st && $st != Z && $st != X ]]
}

# Pid of our Dovecot / Postfix master, if it is alive (guards against stale pid files).
dovecot_pid() {
  local p
  p=$(head -n1 "$BASE_DIR/master.pid" 2>/dev/null | tr -dc 0-9) || true
  [[ -n $p && $(cat "/proc/$p/comm" 2>/dev/null) == dovecot ]] && proc_alive "$p" && echo "$p"
}
postfix_pid() {
  local p
  p=$(head -n1 "$PF_QUEUE_REAL/pid/master.pid" 2>/dev/null | tr -dc 0-9) || true
  [[ -n $p && $(cat "/proc/$p/comm" 2>/dev/null) == master ]] && proc_alive "$p" && echo "$p"
}

# Is something listening on TCP port $1 (any local address)? ss avoids opening connections
# (which Dovecot/Postfix would log); /dev/tcp is the fallback.
port_listening() {
  if have ss; then
    [[ -n $(ss -Hltn "sport = :$1" 2>/dev/null) ]]
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
  fi
}
port_owner() {
  local o=''
  if have ss; then o=$(ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'users:.*' | head -n1) || true; fi
  echo "${o:-owner unknown}"
}

# wait_ports up|down TIMEOUT PORT... ; prints the first port not in the wanted state on failure.
wait_ports() {
  local want=$1 timeout=$2 deadline p pending
  shift 2
  deadline=$(( $(date +%s%N) + timeout * 1000000000 ))
  while :; do
    pending=
    for p in "$@"; do
      if [[ $want == up ]]; then port_listening "$p" || { pending=$p; break; }
      else port_listening "$p" && { pending=$p; break; }; fi
    done
    [[ -z $pending ]] && return 0
    (( $(date +%s%N) < deadline )) || { echo "$pending"; return 1; }
    sleep 0.05
  done
}

pid_gone_wait() {   # pid timeout_seconds
  local i
  for (( i = 0; i < $2 * 20; i++ )); do
    proc_alive "$1" || return 0
    sleep 0.05
  done
  return 1
}

port_name() {
  case $1 in
    "$IMAP_PORT") echo "IMAP (Dovecot)" ;;
    "$IMAPS_PORT") echo "IMAPS (Dovecot)" ;;
    "$LMTP_PORT") echo "LMTP (Dovecot)" ;;
    "$MANAGESIEVE_PORT") echo "ManageSieve (Dovecot)" ;;
    "$SMTP_PORT") echo "SMTP (Postfix)" ;;
    "$SUBMISSION_PORT") echo "submission (Postfix)" ;;
  esac
}

check_ports_free() {
  local p
  for p in "$@"; do
    if port_listening "$p"; then
      die "port $p ($(port_name "$p")) is already in use ($(port_owner "$p")) - stop that process or set another WEBMAIL_*_PORT"
    fi
  done
}

# render TEMPLATE OUTPUT: replace @NAME@ placeholders; rewrite only when the content changed
# (Postfix starts slowly when main.cf is younger than ~2 s, so a fresh file is back-dated).
render() {
  local tmp
  tmp=$(mktemp "$2.XXXXXX")
  sed -e "s|@STACK_DIR@|$STACK_DIR|g" \
      -e "s|@BASE_DIR@|$BASE_DIR|g" \
      -e "s|@LOG_DIR@|$LOG_DIR|g" \
      -e "s|@TLS_DIR@|$TLS_DIR|g" \
      -e "s|@MAIL_DIR@|$MAIL_DIR|g" \
      -e "s|@MAIL_UID@|$MAIL_UID|g" \
      -e "s|@MAIL_GID@|$MAIL_GID|g" \
      -e "s|@PF_QUEUE_DIR@|$PF_QUEUE_DIR|g" \
      -e "s|@PF_DATA_DIR@|$PF_DATA_DIR|g" \
      -e "s|@PF_CONFIG_DIR@|$PF_CONFIG_DIR|g" \
      -e "s|@IMAP_PORT@|$IMAP_PORT|g" \
      -e "s|@IMAPS_PORT@|$IMAPS_PORT|g" \
      -e "s|@LMTP_PORT@|$LMTP_PORT|g" \
      -e "s|@SMTP_PORT@|$SMTP_PORT|g" \
      -e "s|@SUBMISSION_PORT@|$SUBMISSION_PORT|g" \
      -e "s|@MANAGESIEVE_PORT@|$MANAGESIEVE_PORT|g" \
      "$1" > "$tmp"
  if grep -q '@[A-Z_]*@' "$tmp"; then
    local left
    left=$(grep -o '@[A-Z_]*@' "$tmp" | sort -u | tr '\n' ' ')
    rm -f "$tmp"; die "unknown placeholder(s) in $1: $left"
  fi
  install_if_changed "$tmp" "$2"
}

install_if_changed() {   # tmpfile target [mode, default 0644]
  if cmp -s "$1" "$2"; then
    rm -f "$1"
  else
    chmod "${3:-0644}" "$1"
    touch -d "@$(( $(date +%s) - 10 ))" "$1"
    mv -f "$1" "$2"
  fi
}

prepare() {
  mkdir -p "$STACK_DIR" "$DC_DIR/state" "$PF_CONFIG_DIR" "$PF_QUEUE_REAL" "$PF_DATA_DIR" \
           "$MAIL_DIR" "$TLS_DIR" "$LOG_DIR"
  # Keep the data folder out of git status when it lives inside the repo.
  [[ -e $STACK_DIR/.gitignore ]] || echo '*' > "$STACK_DIR/.gitignore"
  chmod 0755 "$STACK_DIR" "$DC_DIR" "$PF_CONFIG_DIR" "$PF_QUEUE_REAL" "$TLS_DIR" "$LOG_DIR"
  chown postfix: "$PF_DATA_DIR"
  chown "$MAIL_UID:$MAIL_GID" "$MAIL_DIR"
  chmod 0750 "$MAIL_DIR"

  if [[ -n $SHORT_DIR ]]; then
    mkdir -p "$SHORT_DIR"
    chmod 0755 "$SHORT_DIR"
    ln -sfn "$PF_QUEUE_REAL" "$PF_QUEUE_DIR"
    # <data>/run points at the relocated base_dir, so it can be found from the data folder.
    [[ -L $STACK_DIR/run && $(readlink "$STACK_DIR/run") == "$BASE_DIR" ]] ||
      { rm -rf "$STACK_DIR/run"; ln -s "$BASE_DIR" "$STACK_DIR/run"; }
  fi

  # Self-signed certificate for Dovecot and Postfix (first start only).
  if [[ ! -s $TLS_DIR/cert.pem || ! -s $TLS_DIR/key.pem ]]; then
    local out
    # ECDSA P-256: generated instantly (RSA keygen took up to ~1 s of the first start).
    if ! out=$(openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -sha256 -days 3650 \
        -subj "/CN=localhost" -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
        -keyout "$TLS_DIR/key.pem.tmp" -out "$TLS_DIR/cert.pem.tmp" 2>&1); then
      echo "$out" >&2
      die "openssl could not create the certificate"
    fi
    chmod 0600 "$TLS_DIR/key.pem.tmp"; chmod 0644 "$TLS_DIR/cert.pem.tmp"
    mv -f "$TLS_DIR/key.pem.tmp" "$TLS_DIR/key.pem"
    mv -f "$TLS_DIR/cert.pem.tmp" "$TLS_DIR/cert.pem"
  fi

  prepare_oauth2_keys
  prepare_push

  render "$SCRIPT_DIR/dovecot.conf.in" "$DC_CONF"
  if [[ -n ${WEBMAIL_DOVECOT_OAUTH2_EXT:-} ]]; then
    # Another identity provider's token check (e.g. deploy/keycloak/dovecot-oauth2-keycloak.conf.ext:
    # RFC 7662 introspection) instead of the development key.
    [[ -r $WEBMAIL_DOVECOT_OAUTH2_EXT ]] || die "WEBMAIL_DOVECOT_OAUTH2_EXT names '$WEBMAIL_DOVECOT_OAUTH2_EXT', which cannot be read"
    cp "$WEBMAIL_DOVECOT_OAUTH2_EXT" "$DC_DIR/dovecot-oauth2.conf.ext"
  else
    render "$SCRIPT_DIR/dovecot-oauth2.conf.ext.in" "$DC_DIR/dovecot-oauth2.conf.ext"
  fi
  render "$SCRIPT_DIR/postfix/main.cf.in" "$PF_CONFIG_DIR/main.cf"
  render "$SCRIPT_DIR/postfix/master.cf.in" "$PF_CONFIG_DIR/master.cf"

  # Dovecot's auth process (user dovecot) reads the passwd-file.
  local tmp
  tmp=$(mktemp "$DC_DIR/users.XXXXXX")
  cp "$SCRIPT_DIR/users.passwd" "$tmp"
  install_if_changed "$tmp" "$DC_DIR/users"
  chown root:dovecot "$DC_DIR/users"; chmod 0640 "$DC_DIR/users"

  # Postfix's valid recipients: every user of users.passwd plus the whole test domain.
  tmp=$(mktemp "$PF_CONFIG_DIR/virtual_mailboxes.XXXXXX")
  { echo "# generated by mailstack.sh from users.passwd"
    awk -F: '!/^[[:space:]]*(#|$)/ { print $1, "ok" }' "$SCRIPT_DIR/users.passwd"
    echo "@$TEST_DOMAIN ok"; } > "$tmp"
  install_if_changed "$tmp" "$PF_CONFIG_DIR/virtual_mailboxes"
}

# The dev identity provider's RSA signing key (first start only) and, at every start, its public
# key where Dovecot's oauth2 passdb looks it up (local_validation_key_dict). The private key
# is read by the provider only (root, 0600); Dovecot's auth process (user dovecot) reads the
# public copies.
prepare_oauth2_keys() {
  mkdir -p "$OAUTH2_DIR"
  chmod 0755 "$OAUTH2_DIR"
  if [[ ! -s $IDP_SIGNING_KEY ]]; then
    local out
    # genpkey writes PKCS#8 ("BEGIN PRIVATE KEY"), which .NET's ImportFromPem reads.
    if ! out=$(umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 \
        -out "$IDP_SIGNING_KEY.tmp" 2>&1); then
      echo "$out" >&2
      die "openssl could not create the identity provider's signing key"
    fi
    chmod 0600 "$IDP_SIGNING_KEY.tmp"
    mv -f "$IDP_SIGNING_KEY.tmp" "$IDP_SIGNING_KEY"
  fi
  local pub azp tmp
  pub=$(openssl pkey -in "$IDP_SIGNING_KEY" -pubout 2>&1) ||
    { echo "$pub" >&2; die "cannot read $IDP_SIGNING_KEY (delete it to make a new one)"; }
  for azp in "${IDP_KEY_AZPS[@]}"; do
    mkdir -p "$OAUTH2_DIR/keys/$azp/RS256"
    chmod 0755 "$OAUTH2_DIR/keys" "$OAUTH2_DIR/keys/$azp" "$OAUTH2_DIR/keys/$azp/RS256"
    tmp=$(mktemp "$OAUTH2_DIR/keys/$azp/RS256/.key.XXXXXX")
    printf '%s\n' "$pub" > "$tmp"
    install_if_changed "$tmp" "$OAUTH2_DIR/keys/$azp/RS256/$IDP_KEY_ID"
  done
}

# Dovecot's push notifications to WebMail (dovecot.conf.in, "Push notifications"): the secret, the
# ox driver's URL (root-only file: it holds the secret) and the Lua script that gives every user
# the METADATA entry the ox driver needs. Sets PUSH_CHANGED when any of them changed.
prepare_push() {
  local before after tmp secret
  before=$({ cat "$PUSH_SECRET_FILE" "$DC_DIR/dovecot-push.conf.ext" "$DC_DIR/push-notification.lua" 2>/dev/null || true; } | sha256sum)
  mkdir -p "$PUSH_DIR" "$DC_DIR"
  chmod 0700 "$PUSH_DIR"

  secret=${WEBMAIL_PUSH_SECRET:-}
  if [[ -z $secret && -s $PUSH_SECRET_FILE ]]; then secret=$(<"$PUSH_SECRET_FILE"); fi
  if [[ -z $secret ]]; then
    secret=$(openssl rand -hex 32) || die "openssl could not make the push notification secret"
  fi
  [[ $secret =~ ^[A-Za-z0-9._~-]{16,200}$ ]] ||
    die "WEBMAIL_PUSH_SECRET must be 16 to 200 characters from A-Z a-z 0-9 . _ ~ - (it becomes part of Dovecot's notification URL)"
  PUSH_SECRET=$secret
  tmp=$(mktemp "$PUSH_SECRET_FILE.XXXXXX")
  printf '%s\n' "$PUSH_SECRET" > "$tmp"
  install_if_changed "$tmp" "$PUSH_SECRET_FILE" 0600

  # The secret is put in by bash, never on a command line (ps would show it to every local user).
  local conf
  conf=$(<"$SCRIPT_DIR/dovecot-push.conf.ext.in")
  conf=${conf//@PUSH_PORT@/$PUSH_PORT}
  conf=${conf//@PUSH_SECRET@/$PUSH_SECRET}
  tmp=$(mktemp "$DC_DIR/dovecot-push.conf.ext.XXXXXX")
  printf '%s\n' "$conf" > "$tmp"
  install_if_changed "$tmp" "$DC_DIR/dovecot-push.conf.ext" 0600

  # Loaded by the LMTP process after it switched to the mail uid: world-readable.
  tmp=$(mktemp "$DC_DIR/push-notification.lua.XXXXXX")
  cp "$SCRIPT_DIR/push-notification.lua" "$tmp"
  install_if_changed "$tmp" "$DC_DIR/push-notification.lua"

  after=$(cat "$PUSH_SECRET_FILE" "$DC_DIR/dovecot-push.conf.ext" "$DC_DIR/push-notification.lua" | sha256sum)
  [[ $before == "$after" ]] || PUSH_CHANGED=1
}

print_ports() {
  cat <<EOF
  IMAP        127.0.0.1:$IMAP_PORT  (STARTTLS offered, plaintext login allowed)
  IMAPS       127.0.0.1:$IMAPS_PORT  (implicit TLS)
  LMTP        127.0.0.1:$LMTP_PORT  (Dovecot delivery)
  SMTP        127.0.0.1:$SMTP_PORT  (inbound, no auth, local domains only)
  submission  127.0.0.1:$SUBMISSION_PORT  (AUTH PLAIN/LOGIN/XOAUTH2/OAUTHBEARER required, STARTTLS offered)
  sieve       127.0.0.1:$MANAGESIEVE_PORT  (ManageSieve, STARTTLS offered, PLAIN/OAUTHBEARER/XOAUTH2)
  push        http://127.0.0.1:$PUSH_PORT/internal/dovecot/push  (WebMail; Dovecot notifies it of new mail)
  data        $STACK_DIR
EOF
}

stack_running() {
  local p
  dovecot_pid >/dev/null && postfix_pid >/dev/null || return 1
  for p in "${ALL_PORTS[@]}"; do port_listening "$p" || return 1; done
}

lock_stack() {
  mkdir -p "$STACK_DIR"
  exec 9>"$STACK_DIR/.lock"
  flock -w 60 9 || die "another mailstack.sh is busy with $STACK_DIR"
}

# ---- commands ---------------------------------------------------------------------------
cmd_install() {
  if binaries_present; then
    say "dovecot (with Pigeonhole sieve/managesieve), postfix and openssl are already installed"
    return 0
  fi
  require_root
  say "installing dovecot-imapd dovecot-lmtpd dovecot-sieve dovecot-managesieved postfix openssl from Debian packages"
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  # While installing, forbid the package scripts to start system-wide daemons (on 25, 143,
  # 993 ...): invoke-rc.d honours /usr/sbin/policy-rc.d exiting 101. Restore what was there.
  local policy=/usr/sbin/policy-rc.d backup=''
  if [[ -e $policy ]]; then backup=$(mktemp /usr/sbin/.policy-rc.d.XXXXXX); cp -p "$policy" "$backup"; fi
  # shellcheck disable=SC2064
  trap "if [[ -n '$backup' ]]; then mv -f '$backup' '$policy'; else rm -f '$policy'; fi" EXIT
  printf '#!/bin/sh\nexit 101\n' > "$policy"
  chmod 0755 "$policy"

  local pkgs=(dovecot-imapd dovecot-lmtpd dovecot-sieve dovecot-managesieved postfix openssl)
  apt_install() {
    DEBIAN_FRONTEND=noninteractive apt-get install -y -o DPkg::Lock::Timeout=300 \
      -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${pkgs[@]}"
  }
  if ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then
    apt-get update -o DPkg::Lock::Timeout=300
  fi
  if ! apt_install; then
    say "install failed; running apt-get update and retrying"
    apt-get update -o DPkg::Lock::Timeout=300
    apt_install
  fi
  binaries_present || die "packages installed but dovecot/postfix binaries are still missing"
  say "installed: $(dovecot --version 2>/dev/null | head -n1) / postfix $(postconf -d -h mail_version 2>/dev/null || echo '?')"
}

start_dovecot() {
  mkdir -p "$BASE_DIR"
  # Dovecot keeps the caller's stderr open forever: never give it a pipe.
  # 9>&- : the daemons must not inherit (and hold forever) our lock on <data>/.lock.
  if ! dovecot -c "$DC_CONF" </dev/null >/dev/null 2>>"$LOG_DIR/dovecot.log" 9>&-; then
    tail -n 20 "$LOG_DIR/dovecot.log" >&2 || true
    die "dovecot failed to start (log: $LOG_DIR/dovecot.log)"
  fi
}

start_postfix() {
  if ! postfix -c "$PF_CONFIG_DIR" start </dev/null >>"$CTL_LOG" 2>&1 9>&-; then
    tail -n 20 "$CTL_LOG" >&2 || true
    tail -n 20 "$LOG_DIR/postfix.log" >&2 2>/dev/null || true
    # Early fatal errors go only to syslog (absent here), or to stderr when it is a terminal:
    # re-run the check under script(1) to show them.
    if have script; then
      script -qec "postfix -c '$PF_CONFIG_DIR' check" /dev/null </dev/null 9>&- >&2 || true
    fi
    die "postfix failed to start (logs: $CTL_LOG, $LOG_DIR/postfix.log)"
  fi
}

cmd_start() {
  require_root
  binaries_present || die "dovecot/postfix are not installed - run: $0 install"
  lock_stack
  if stack_running; then
    say "already running (dovecot pid $(dovecot_pid), postfix pid $(postfix_pid))"
    # WEBMAIL_PUSH_PORT or WEBMAIL_PUSH_SECRET differ from the running config: reload (no restart;
    # open connections stay, new deliveries notify the new address).
    prepare_push
    if [[ -n $PUSH_CHANGED ]]; then
      kill -HUP "$(dovecot_pid)"
      say "push notification settings changed: Dovecot reloaded"
    fi
    print_ports
    return 0
  fi
  # Check every port we are about to bind before starting anything, so a conflict does not
  # leave half a stack running.
  local need_dovecot='' need_postfix=''
  dovecot_pid >/dev/null || need_dovecot=1
  postfix_pid >/dev/null || need_postfix=1
  [[ -z $need_dovecot ]] || check_ports_free "${DOVECOT_PORTS[@]}"
  [[ -z $need_postfix ]] || check_ports_free "${POSTFIX_PORTS[@]}"
  prepare
  if [[ -n $need_dovecot ]]; then
    start_dovecot
  elif ! wait_ports up 0 "${DOVECOT_PORTS[@]}" >/dev/null; then
    # Dovecot runs from an older config without one of today's listeners (e.g. ManageSieve, added later):
    # a reload picks up the freshly rendered config and opens it.
    kill -HUP "$(dovecot_pid)"
    say "dovecot was running without all of its ports: reloaded with the current config"
  fi
  [[ -z $need_postfix ]] || start_postfix
  local bad
  if ! bad=$(wait_ports up "$START_TIMEOUT" "${ALL_PORTS[@]}"); then
    local log=$LOG_DIR/postfix.log
    [[ $(port_name "$bad") == *Dovecot* ]] && log=$LOG_DIR/dovecot.log
    tail -n 20 "$log" >&2 2>/dev/null || true
    die "port $bad ($(port_name "$bad")) did not accept connections within ${START_TIMEOUT}s (log: $log)"
  fi
  say "started (dovecot pid $(dovecot_pid), postfix pid $(postfix_pid))"
  print_ports
}

cmd_stop() {
  if [[ ! -d $STACK_DIR ]]; then say "not running (no $STACK_DIR)"; return 0; fi
  require_root
  lock_stack
  local dpid ppid stopped='' ports=()
  dpid=$(dovecot_pid) || true
  ppid=$(postfix_pid) || true
  # Postfix first, so it does not try to deliver into a stopping Dovecot. SIGTERM to the
  # master is what "postfix stop" does, minus its fixed 1 s sleep; the master passes it on.
  if [[ -n $ppid ]]; then
    kill -TERM "$ppid" 2>/dev/null || true; stopped+=" postfix"; ports+=("${POSTFIX_PORTS[@]}")
  fi
  # Dovecot's master needs ~1 s after SIGTERM (it waits for its log process).
  if [[ -n $dpid ]]; then
    kill -TERM "$dpid" 2>/dev/null || true; stopped+=" dovecot"; ports+=("${DOVECOT_PORTS[@]}")
  fi
  if [[ -n $ppid ]] && ! pid_gone_wait "$ppid" "$STOP_TIMEOUT"; then
    say "postfix did not stop in ${STOP_TIMEOUT}s; killing its process group"
    kill -KILL -- "-$ppid" 2>/dev/null || kill -KILL "$ppid" 2>/dev/null || true
  fi
  if [[ -n $dpid ]] && ! pid_gone_wait "$dpid" "$STOP_TIMEOUT"; then
    say "dovecot did not stop in ${STOP_TIMEOUT}s; killing it"
    kill -KILL "$dpid" 2>/dev/null || true
  fi
  local bad
  if [[ -n $stopped ]] && ! bad=$(wait_ports down "$STOP_TIMEOUT" "${ports[@]}"); then
    die "port $bad ($(port_name "$bad")) is still in use after stopping ($(port_owner "$bad"))"
  fi
  if [[ -n $stopped ]]; then say "stopped:$stopped"; else say "not running"; fi
}

cmd_status() {
  local dpid ppid p ok=1
  dpid=$(dovecot_pid) || true
  ppid=$(postfix_pid) || true
  [[ -n $dpid ]] || ok=
  [[ -n $ppid ]] || ok=
  for p in "${ALL_PORTS[@]}"; do port_listening "$p" || ok=; done
  if [[ -n $ok ]]; then
    say "running (dovecot pid $dpid, postfix pid $ppid)"
    print_ports
    return 0
  fi
  if [[ -z $dpid && -z $ppid ]]; then
    say "not running"
  else
    say "partly running: dovecot ${dpid:-down}, postfix ${ppid:-down} (run start or stop)"
  fi
  for p in "${ALL_PORTS[@]}"; do
    if port_listening "$p"; then echo "  port $p ($(port_name "$p")): in use $(port_owner "$p")"
    else echo "  port $p ($(port_name "$p")): free"; fi
  done
  echo "  data        $STACK_DIR"
  return 3
}

cmd_env() {
  local name
  for name in \
    "WEBMAIL_STACK_DIR=$STACK_DIR" \
    "WEBMAIL_IMAP_PORT=$IMAP_PORT" \
    "WEBMAIL_IMAPS_PORT=$IMAPS_PORT" \
    "WEBMAIL_LMTP_PORT=$LMTP_PORT" \
    "WEBMAIL_SMTP_PORT=$SMTP_PORT" \
    "WEBMAIL_SUBMISSION_PORT=$SUBMISSION_PORT" \
    "WEBMAIL_MANAGESIEVE_PORT=$MANAGESIEVE_PORT" \
    "WEBMAIL_MAIL_HOST=127.0.0.1" \
    "WEBMAIL_TLS_CERT=$TLS_DIR/cert.pem" \
    "WEBMAIL_TEST_DOMAIN=$TEST_DOMAIN" \
    "WEBMAIL_TEST_PASSWORD=$TEST_PASSWORD" \
    "WEBMAIL_MAIL_ROOT=$MAIL_DIR" \
    "WEBMAIL_MAIL_UID=$MAIL_UID" \
    "WEBMAIL_DOVECOT_CONF=$DC_CONF" \
    "WEBMAIL_IDP_SIGNING_KEY=$IDP_SIGNING_KEY" \
    "WEBMAIL_PUSH_PORT=$PUSH_PORT" \
    "WEBMAIL_PUSH_SECRET=$(cat "$PUSH_SECRET_FILE" 2>/dev/null || true)"; do
    printf 'export %s=%q\n' "${name%%=*}" "${name#*=}"
  done
}

usage() {
  cat <<EOF
usage: $0 install|start|stop|restart|status|env
  install  install dovecot-imapd dovecot-lmtpd dovecot-sieve dovecot-managesieved postfix openssl (Debian) if missing
  start    start Dovecot + Postfix on 127.0.0.1 (idempotent)
  stop     stop both (idempotent)
  restart  stop, then start
  status   exit 0 if running, 3 if not
  env      print export lines: eval "\$($0 env)"
settings: WEBMAIL_STACK_DIR (default <repo>/.data/mailstack), WEBMAIL_IMAP_PORT (1143),
  WEBMAIL_IMAPS_PORT (1993), WEBMAIL_LMTP_PORT (1024), WEBMAIL_SMTP_PORT (1025),
  WEBMAIL_SUBMISSION_PORT (1587), WEBMAIL_MANAGESIEVE_PORT (4190), WEBMAIL_PUSH_PORT (5080: WebMail's port, for push notifications),
  WEBMAIL_PUSH_SECRET (default: made on the first start)
EOF
}

case ${1:-} in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  restart) cmd_stop; cmd_start ;;
  status) cmd_status ;;
  env) cmd_env ;;
  -h|--help|help) usage ;;
  *) usage >&2; exit 2 ;;
esac
