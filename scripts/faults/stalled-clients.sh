#!/usr/bin/env bash
# Fault scenario 7 (docs/reliability.md): 500 clients that never read, on one broadcaster's students channel.
# Expected: every other client receives every tick's frame and stays open (delivery time, receipt minus the
# frame's timestamp, printed per phase), every stalled client is dropped, and the heap the instance retains (old
# generation after collections) with the stalled clients stays within HEAP_GROWTH_MB of what it retains without them
# (500 stalled clients each holding one 300 KB students frame would be 150 MB). Uses broadcaster-2 directly (MEMBER).
# Settings: STALLED (500), NORMAL (50), PHASE seconds (60: six ticks, and past the second unanswered ping, 25 s
# apart), HEAP_GROWTH_MB (100). Bounded: ~4 min.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
STALLED=${STALLED:-500} NORMAL=${NORMAL:-50} PHASE=${PHASE:-60} HEAP_GROWTH_MB=${HEAP_GROWTH_MB:-100}
MEMBER=${MEMBER:-broadcaster-2}
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT

ensure_cluster
port=$(member_port "$MEMBER")
log "$NORMAL normal clients on $MEMBER /ws/students for ${PHASE}s, then $STALLED stalled ones too ($(load_note))"
check=0
fault_tool stall "127.0.0.1:$port" /ws/students "$STALLED" "$NORMAL" "$PHASE" "127.0.0.1:$(management_port "$MEMBER")" \
    "$HEAP_GROWTH_MB" || check=1
result 7 $check "stall check exit $check ($(load_note))"
