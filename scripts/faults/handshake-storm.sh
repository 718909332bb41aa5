#!/usr/bin/env bash
# Fault scenario 6 (docs/reliability.md): 10 000 concurrent handshakes at one broadcaster instance.
# Expected: exactly activity.ws.max-connections-per-channel (3000) admitted per channel, every other handshake
# refused with 503, no crash, the instance's connection counts exact while held and back to 0 after all close.
# Settings: HANDSHAKES (10000), LIMIT (3000, the instance's setting), MEMBER (broadcaster-1). Bounded: ~4 min.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
HANDSHAKES=${HANDSHAKES:-10000} LIMIT=${LIMIT:-3000} MEMBER=${MEMBER:-broadcaster-1}
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT

ensure_cluster
port=$(member_port "$MEMBER")
pid=$(member_pid "$MEMBER")
log "$HANDSHAKES concurrent handshakes at $MEMBER (port $port, pid $pid) ($(load_note))"
storm=0
fault_tool storm "127.0.0.1:$port" "$HANDSHAKES" "$LIMIT" 5 "127.0.0.1:$(management_port "$MEMBER")" || storm=1
alive=0
[[ "$(member_pid "$MEMBER")" == "$pid" ]] || alive=1
ok=0
[[ $storm == 0 && $alive == 0 ]] || ok=1
result 6 $ok "storm check exit $storm; same $MEMBER process still up: $([[ $alive == 0 ]] && echo yes || echo no) ($(load_note))"
