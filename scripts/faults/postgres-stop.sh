#!/usr/bin/env bash
# Fault scenario 2 (docs/reliability.md): PostgreSQL stopped for 30 s under API traffic, with channel clients open
# through nginx. Expected: the consumer pauses and skips nothing (every user's last_active is exactly their last
# request after recovery; ONE_SHOT further users who send exactly one request during the outage and nothing after
# each have that request's time); the broadcasters keep every connection, skip ticks, then send again.
# Settings: USERS (1000), RPS (200), CLIENTS (200), OUTAGE seconds (30), ONE_SHOT (200). Bounded: ~3 min.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
USERS=${USERS:-1000} RPS=${RPS:-200} CLIENTS=${CLIENTS:-200} OUTAGE=${OUTAGE:-30} ONE_SHOT=${ONE_SHOT:-200} BEFORE=15 AFTER=25
trap 'kill $(jobs -p) 2>/dev/null || true; "$CLUSTER" start postgres >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

ensure_cluster $((USERS + ONE_SHOT))
fault_tool ws-hold "ws://127.0.0.1:$CLUSTER_NGINX_PORT/ws/students" "$CLIENTS" $((BEFORE + OUTAGE + AFTER + 120)) "$WORK" \
    >"$WORK/ws.out" &
ws_pid=$!
log "traffic: $USERS users, $RPS req/s; $CLIENTS channel clients; postgres stopped after ${BEFORE}s ($(load_note))"
start_traffic "$USERS" "$RPS" $((BEFORE + OUTAGE + AFTER + 120))
prepare_one_shot "$USERS" "$ONE_SHOT"
sleep "$BEFORE"
skipped_before=$(( $(broadcasters_metric activity_broadcast_skipped_total) + $(broadcasters_metric activity_broadcast_failures_total) ))
mark fault_start
"$CLUSTER" stop postgres
shot_start=$(now_ms)
fire_one_shot
sleep "$(awk -v s="$OUTAGE" -v used=$(( $(now_ms) - shot_start )) 'BEGIN { r = s - used / 1000; print (r > 0 ? r : 0) }')"
"$CLUSTER" start postgres >/dev/null
mark fault_end
sleep "$AFTER"
touch "$WORK/stop"
wait "$TRAFFIC_PID"
ws=0
wait "$ws_pid" || ws=1
cat "$WORK/traffic.out" "$WORK/ws.out"
skipped=$(( $(broadcasters_metric activity_broadcast_skipped_total) + $(broadcasters_metric activity_broadcast_failures_total) - skipped_before ))
echo "broadcast ticks skipped or failed during the outage: $skipped"
errors=$(count_in "$WORK/traffic.out" 'not answered 204')
check=0
fault_tool check-last-active "$WORK" 180 || check=1
ok=0
[[ "$errors" == 0 && $check == 0 && $ws == 0 && $ONE_SHOT_STATUS == 0 ]] || ok=1
result 2 $ok "$errors API errors; one-shot requests exit $ONE_SHOT_STATUS; last_active check (steady and one-shot users) exit $check; channel clients check exit $ws; $skipped ticks skipped ($(load_note))"
