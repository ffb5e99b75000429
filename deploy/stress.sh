#!/usr/bin/env bash
# The whole test suite under CPU pressure: starts two CPU-burning processes, then runs the test command
# (deploy/test.sh unless another command is given) three times in a row, stopping at the first failure,
# and prints each run's result line ("N passed, N failed, N skipped"). The burners are killed on exit.
#   deploy/stress.sh                 three runs of deploy/test.sh beside two busy loops
#   deploy/stress.sh CMD [ARGS...]   the same with another test command
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
(($# > 0)) || set -- deploy/test.sh

burners=() current= log=
cleanup() {
  [[ -z $log ]] || rm -f "$log"
  # The burners, and the test run in progress if any (its pipeline's processes, then its subshell).
  for pid in "${burners[@]}" ${current:+$(pgrep -P "$current")} $current; do
    kill "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP
for _ in 1 2; do
  # Busy loops that also end by themselves if this script is killed without running its trap.
  sh -c 'while kill -0 "$PPID" 2>/dev/null; do :; done' &
  burners+=("$!")
done
echo "stress: 2 CPU burners running (pids ${burners[*]}); running '$*' up to 3 times"

results=() status=0
log=$(mktemp)
for run in 1 2 3; do
  echo "== stress run $run of 3"
  # In the background and waited for, so that a signal to this script stops everything at once.
  { "$@" 2>&1 | tee "$log"; exit "${PIPESTATUS[0]}"; } &
  current=$!
  set +e
  wait "$current"
  status=$?
  set -e
  current=
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped' "$log" | tail -n 1 || true)
  results+=("run $run: ${line:-no result line} (exit $status)")
  ((status == 0)) || break
done

echo
echo "stress results (2 CPU burners beside the tests):"
printf '  %s\n' "${results[@]}"
exit "$status"
