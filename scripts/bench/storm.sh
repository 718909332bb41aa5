#!/usr/bin/env bash
# Connection storm: <clients>+<extra> WebSocket clients at once on each of one broadcaster's 3 channels (limit
# <clients> per channel; the reference school seeded, so admitted clients get real snapshots), then the same storm on
# the Node.js `ws` peer, which sends each admitted client the connect-time snapshot captured from the broadcaster in
# this run. Per server: admitted, refused, time until every handshake is answered and until every admitted client
# has its snapshot. Prints the table, appends it to docs/benchmarks.md. (fanout.sh runs the same storm after its
# fan-out.)
# Usage: scripts/bench/storm.sh [clients-per-channel=3000] [extra-per-channel=300]
# BENCH_DEFLATE=1: every client offers permessage-deflate; the peer runs with perMessageDeflate on.
# Bounded: the Java run is killed after a fixed limit; the cluster members it started are stopped on exit.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

CLIENTS="${1:-3000}"
EXTRA="${2:-300}"
PEER_PORT="${BENCH_PEER_PORT:-18101}"
export CLUSTER_BROADCASTER_PORTS="${CLUSTER_BROADCASTER_PORTS%% *}"
export CLUSTER_BROADCASTER_JAVA_OPTS="$BENCH_BROADCASTER_JVM"
export ACTIVITY_WS_MAX_CONNECTIONS_PER_CHANNEL="$CLIENTS"

bench_say "uptime at start: $(uptime)"
start_reference_broadcaster
ACTIVITY_JWT_SECRET=$(bench_secret) bench_java 600 -Xmx1g \
    -Dbench.deflate="$([[ ${BENCH_DEFLATE:-0} == 1 ]] && echo true || echo false)" -cp "$BENCH_CP" \
    school.activity.benchmarks.storm.StormBenchmark "$CLUSTER_BROADCASTER_PORTS" "$PEER_PORT" \
    "$ROOT/benchmarks/ws-peer/peer.js" "$CLIENTS" "$EXTRA" "$BENCH_WORK" "$MARKDOWN"
bench_say "uptime at end: $(uptime)"
