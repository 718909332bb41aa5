#!/usr/bin/env bash
# Fault scenario 1 (docs/reliability.md): Kafka killed (kill -9) for 30 s under steady API traffic.
# Expected: no API error, latency during the outage like before it, and after recovery every user's last_active is
# exactly their last request; ONE_SHOT further users send exactly one request during the outage and nothing after,
# and each of them must have that request's time (no later request can hide its loss).
# Uses the cluster of scripts/cluster.sh (started if needed); bounded: ~3 min.
# Settings: USERS (1000), RPS (200), OUTAGE seconds (30), ONE_SHOT (200).
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
USERS=${USERS:-1000} RPS=${RPS:-200} OUTAGE=${OUTAGE:-30} ONE_SHOT=${ONE_SHOT:-200} BEFORE=20 AFTER=20
trap 'kill $(jobs -p) 2>/dev/null || true; "$CLUSTER" start kafka >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

ensure_cluster $((USERS + ONE_SHOT))
log "traffic: $USERS users, $RPS req/s for $((BEFORE + OUTAGE + AFTER)) s; kafka killed after ${BEFORE}s ($(load_note))"
start_traffic "$USERS" "$RPS" $((BEFORE + OUTAGE + AFTER + 120))
prepare_one_shot "$USERS" "$ONE_SHOT"
sleep "$BEFORE"
mark fault_start
"$CLUSTER" kill kafka
shot_start=$(now_ms)
fire_one_shot
sleep "$(awk -v s="$OUTAGE" -v used=$(( $(now_ms) - shot_start )) 'BEGIN { r = s - used / 1000; print (r > 0 ? r : 0) }')"
"$CLUSTER" start kafka >/dev/null
mark fault_end
sleep "$AFTER"
touch "$WORK/stop"
wait "$TRAFFIC_PID"
cat "$WORK/traffic.out"
errors=$(count_in "$WORK/traffic.out" 'not answered 204')
check=0
fault_tool check-last-active "$WORK" 180 || check=1
ok=0
[[ "$errors" == 0 && $check == 0 && $ONE_SHOT_STATUS == 0 ]] || ok=1
result 1 $ok "$errors API errors; one-shot requests exit $ONE_SHOT_STATUS; last_active check (steady and one-shot users) exit $check ($(load_note))"
