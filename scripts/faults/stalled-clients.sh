#!/usr/bin/env bash
# Fault scenario 7 (docs/reliability.md): 500 clients that never read, on one broadcaster's students channel.
# Expected: the other clients' delivery time (receipt minus the frame's timestamp) unaffected, every stalled client
# dropped (send time or buffer limit), the instance's heap bounded. Uses broadcaster-2 directly (MEMBER).
# Settings: STALLED (500), NORMAL (50), PHASE seconds (60: six ticks, and past the second unanswered ping, 25 s apart). Bounded: ~3 min.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
STALLED=${STALLED:-500} NORMAL=${NORMAL:-50} PHASE=${PHASE:-60} MEMBER=${MEMBER:-broadcaster-2}
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT

ensure_cluster
port=$(member_port "$MEMBER")
log "$NORMAL normal clients on $MEMBER /ws/students for ${PHASE}s, then $STALLED stalled ones too ($(load_note))"
check=0
fault_tool stall "127.0.0.1:$port" /ws/students "$STALLED" "$NORMAL" "$PHASE" "127.0.0.1:$(management_port "$MEMBER")" || check=1
result 7 $check "stall check exit $check ($(load_note))"
