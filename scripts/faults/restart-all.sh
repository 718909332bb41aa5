#!/usr/bin/env bash
# Fault scenario 9 (docs/reliability.md): everything restarted right after traffic (graceful stop of every member,
# then start). Expected: all activity persists: every user's last_active is exactly their last answered request, and
# ONE_SHOT further users who send exactly one request just before the stop (nothing after) each have that request's
# time. Settings: USERS (1000), RPS (200), ONE_SHOT (200). Bounded: ~4 min.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
USERS=${USERS:-1000} RPS=${RPS:-200} ONE_SHOT=${ONE_SHOT:-200} TRAFFIC=15
trap 'kill $(jobs -p) 2>/dev/null || true; "$CLUSTER" start >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

ensure_cluster $((USERS + ONE_SHOT))
log "traffic: $USERS users, $RPS req/s for ${TRAFFIC}s, then stop all and start all ($(load_note))"
prepare_one_shot "$USERS" "$ONE_SHOT"
start_traffic "$USERS" "$RPS" "$TRAFFIC"
wait "$TRAFFIC_PID"
cat "$WORK/traffic.out"
fire_one_shot
"$CLUSTER" stop
"$CLUSTER" start >/dev/null
check=0
fault_tool check-last-active "$WORK" 120 || check=1
ok=0
[[ $check == 0 && $ONE_SHOT_STATUS == 0 ]] || ok=1
result 9 $ok "one-shot requests exit $ONE_SHOT_STATUS; last_active check (steady and one-shot users) after a full restart exit $check ($(load_note))"
