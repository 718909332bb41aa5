#!/usr/bin/env bash
# Fault scenario 3 (docs/reliability.md): one of two broadcasters killed (kill -9) with 3000 clients on it.
# Expected: the clients reconnect through nginx to the survivor within its limit (3000 per channel); after the dead
# instance's row expires (activity.status.instance-expiry, 20 s), /activity/status counts one instance. The clients
# use the teachers channel (small frames: the scenario is about connections). Bounded: ~3 min.
# Settings: CLIENTS (3000), VICTIM (broadcaster-1).
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
CLIENTS=${CLIENTS:-3000} VICTIM=${VICTIM:-broadcaster-1}
trap 'kill $(jobs -p) 2>/dev/null || true; "$CLUSTER" start "$VICTIM" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

ensure_cluster
port=$(member_port "$VICTIM")
log "$CLIENTS clients on $VICTIM /ws/teachers, then kill -9 ($(load_note))"
fault_tool failover "ws://127.0.0.1:$port/ws/teachers" "ws://127.0.0.1:$CLUSTER_NGINX_PORT/ws/teachers" "$CLIENTS" \
    "$CLUSTER_NGINX_URL/activity/status" "$WORK" >"$WORK/failover.out" &
tool=$!
deadline=$((SECONDS + 180))
while [[ ! -f "$WORK/ready" ]] && kill -0 "$tool" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.5; done
mark fault_start
"$CLUSTER" kill "$VICTIM"
check=0
wait "$tool" || check=1
cat "$WORK/failover.out"
result 3 $check "failover check exit $check ($(load_note))"
