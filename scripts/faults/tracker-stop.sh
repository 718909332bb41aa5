#!/usr/bin/env bash
# Fault scenario 4 (docs/reliability.md): the tracker stopped mid-traffic, gracefully (SIGTERM) and then with kill -9.
# Expected: graceful: every answered request lands (pending activity flushed on shutdown); kill -9: only requests
# of the last flush interval (activity.tracker.flush-interval, 1 s) before the kill may be lost.
# Settings: USERS (1000), RPS (200). Bounded: ~3 min.
source "$(dirname "$0")/lib.sh"
USERS=${USERS:-1000} RPS=${RPS:-200} TRAFFIC=15 FLUSH_MS=1000
trap '"$CLUSTER" start tracker >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

ensure_cluster "$USERS"
run_case() { # run_case <label> <command...>: traffic, then the stop 0.5 s before the traffic ends
    rm -f "$WORK"/fault_* "$WORK/last.csv"
    start_traffic "$USERS" "$RPS" "$TRAFFIC"
    sleep $((TRAFFIC - 1)).5
    mark fault_start
    "$@"
    wait "$TRAFFIC_PID"
    "$CLUSTER" start tracker >/dev/null
    cat "$WORK/traffic.out"
}

log "graceful stop under $RPS req/s ($(load_note))"
run_case graceful "$CLUSTER" stop tracker
graceful=0
fault_tool check-last-active "$WORK" 120 || graceful=1

log "kill -9 under $RPS req/s ($(load_note))"
run_case kill "$CLUSTER" kill tracker
killed=0
fault_tool check-last-active "$WORK" 120 $(( $(cat "$WORK/fault_start") - FLUSH_MS )) || killed=1
[[ $graceful == 0 && $killed == 0 ]]
result 4 $? "graceful stop check exit $graceful; kill -9 check exit $killed ($(load_note))"
