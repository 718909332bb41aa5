#!/usr/bin/env bash
# Fault scenario 4 (docs/reliability.md): the tracker stopped mid-traffic, gracefully (SIGTERM) and then with kill -9.
# Expected: graceful: every answered request lands (pending activity flushed on shutdown); kill -9: only requests
# answered within the last flush interval (activity.tracker.flush-interval, 1 s) before the kill may be lost.
# Settings: USERS (1000), RPS (200), LOSS_WINDOW_MS (1000). Bounded: ~4 min.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
USERS=${USERS:-1000} RPS=${RPS:-200} TRAFFIC=15
# Activity the kill -9 may lose: the last flush interval (activity.tracker.flush-interval, 1 s) before it.
LOSS_WINDOW_MS=${LOSS_WINDOW_MS:-1000}
trap 'kill $(jobs -p) 2>/dev/null || true; "$CLUSTER" start tracker >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

ensure_cluster "$USERS"
run_case() { # run_case <command...>: traffic, then the command 0.5 s before the traffic ends
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
run_case "$CLUSTER" stop tracker
graceful=0
fault_tool check-last-active "$WORK" 120 || graceful=1

# The kill is timed where it happens: cluster.sh's own start-up would add its latency to the allowed window.
kill_tracker_now() {
    local pid
    pid=$(cat "${CLUSTER_RUN_DIR:-$ROOT/run/cluster}/pids/tracker.pid")
    mark fault_start
    kill -9 -- "-$pid" 2>/dev/null || kill -9 "$pid"
    "$CLUSTER" kill tracker >/dev/null 2>&1 || true
}
log "kill -9 under $RPS req/s ($(load_note))"
run_case kill_tracker_now
killed=0
fault_tool check-last-active "$WORK" 120 $(( $(cat "$WORK/fault_start") - LOSS_WINDOW_MS )) || killed=1
ok=0
[[ $graceful == 0 && $killed == 0 ]] || ok=1
result 4 $ok "graceful stop check exit $graceful; kill -9 check exit $killed ($(load_note))"
