# Sourced by the service scripts. The daemons run as other users (postfix, dovecot, mail uid 5000,
# postgres) and must reach their data folder. A checkout inside a private folder (mode 0700, as
# `mktemp -d` makes) locks them out; then the data lives in /var/tmp under a name derived from the
# intended folder instead (stable, so start/stop/env agree).
#   reachable_dir DIR NAME  -> prints DIR, or /var/tmp/NAME-<hash> when DIR cannot be reached
reachable_dir() {
  # The folder itself may be private to its daemon (PostgreSQL wants 0700): what matters is that the
  # daemons can reach it, so the nearest existing folder above it is probed.
  local wanted=$1 name=$2 probe
  probe=$(dirname "$1")
  while [[ ! -e $probe ]]; do probe=$(dirname "$probe"); done
  if runuser -u nobody -- /bin/sh -c 'cd "$1"' sh "$probe" 2>/dev/null; then
    printf '%s\n' "$wanted"
  else
    printf '/var/tmp/%s-%s\n' "$name" "$(printf '%s' "$wanted" | sha256sum | cut -c1-12)"
  fi
}
