#!/usr/bin/env bash
# The mail container's start command (deploy/mailstack/Dockerfile, docker-compose.yml's "mail" service).
#
# mailstack.sh keeps Dovecot and Postfix on 127.0.0.1 (plaintext logins and trusted client addresses rest on
# that). In a compose network the WebMail instances are other hosts, so this relays, with socat:
#   <container address>:1143, 1587, 4190  ->  127.0.0.1: IMAP (STARTTLS), submission, ManageSieve
#   127.0.0.1:$WEBMAIL_PUSH_PORT           ->  $WEBMAIL_PUSH_TARGET (the proxy, host:port): Dovecot's push
#                                            notifications (PUT /internal/dovecot/push), which the proxy hands
#                                            to any instance (the instances route them to the right one)
# Only these ports are relayed: LMTP, inbound SMTP and IMAPS stay inside the container. SIGTERM stops the stack.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

: "${WEBMAIL_PUSH_PORT:=8080}"
: "${WEBMAIL_PUSH_TARGET:=nginx:8080}"
: "${WEBMAIL_RELAY_PORTS:=1143 1587 4190}"
# The container's own addresses (compose: its address on the compose network).
: "${WEBMAIL_RELAY_ADDRESSES:=$(hostname -i)}"
export WEBMAIL_PUSH_PORT

deploy/mailstack/mailstack.sh start

pids=()
for address in $WEBMAIL_RELAY_ADDRESSES; do
  [[ $address == 127.0.0.1 || $address == *:* ]] && continue
  for port in $WEBMAIL_RELAY_PORTS; do
    socat "TCP-LISTEN:$port,bind=$address,fork,reuseaddr" "TCP:127.0.0.1:$port" &
    pids+=($!)
  done
done
socat "TCP-LISTEN:$WEBMAIL_PUSH_PORT,bind=127.0.0.1,fork,reuseaddr" "TCP:$WEBMAIL_PUSH_TARGET,connect-timeout=2" &
pids+=($!)

stop() {
  kill "${pids[@]}" 2>/dev/null || true
  deploy/mailstack/mailstack.sh stop
  exit 0
}
trap stop TERM INT

tail -F "$WEBMAIL_STACK_DIR/log/dovecot.log" "$WEBMAIL_STACK_DIR/log/postfix.log" &
pids+=($!)
wait
