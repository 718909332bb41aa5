#!/usr/bin/env bash
# Fan-out: one broadcaster (its own PostgreSQL, the reference school of 2000 students, 150 teachers, 3000 parents)
# with <clients> connections on each of its 3 channels, clients in a separate JVM; then the same payloads to the
# same clients from a plain Node.js `ws` broadcast server. Prints the table, appends it to docs/benchmarks.md.
# Usage: scripts/bench/fanout.sh [clients-per-channel=3000] [ticks=4] [interval-seconds=10]
# Each server first runs BENCH_WARMUP_TICKS (default 3) ticks that are not counted (a fresh JVM compiles).
# BENCH_JFR=1 records a JFR profile of the broadcaster into run/bench/work/. BENCH_BROADCASTER_HEAP (default 512m);
# BENCH_BROADCASTER_OPTS: more JVM options for it (e.g. -XX:+DumpPerfMapAtExit for perf).
# Bounded: the Java run is killed after its ticks plus margins; the cluster members it started are stopped on exit.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

CLIENTS="${1:-3000}"
TICKS="${2:-4}"
INTERVAL="${3:-10}"
PEER_PORT="${BENCH_PEER_PORT:-18101}"
LIMIT=$(( 2 * (TICKS + BENCH_WARMUP_TICKS + 1) * INTERVAL + 400 ))
export CLUSTER_BROADCASTER_PORTS="${CLUSTER_BROADCASTER_PORTS%% *}"
JFR_OPTS=""
if [[ -n "${BENCH_JFR:-}" ]]; then
    JFR_OPTS="-XX:StartFlightRecording=filename=$BENCH_WORK/broadcaster.jfr,settings=profile,dumponexit=true"
fi
export CLUSTER_BROADCASTER_JAVA_OPTS="-Xms256m -Xmx${BENCH_BROADCASTER_HEAP:-512m} $JFR_OPTS ${BENCH_BROADCASTER_OPTS:-}"
export ACTIVITY_WS_MAX_CONNECTIONS_PER_CHANNEL="$CLIENTS" ACTIVITY_BROADCAST_INTERVAL="${INTERVAL}s"

bench_say "uptime at start: $(uptime)"
start_reference_broadcaster
PID=$(member_java_pid broadcaster-1)
bench_say "broadcaster-1 pid $PID on ${CLUSTER_BROADCASTER_PORTS}; uptime: $(uptime)"
ACTIVITY_JWT_SECRET=$(bench_secret) bench_java "$LIMIT" -Xmx1g -Dbench.warmup-ticks="$BENCH_WARMUP_TICKS" -cp "$BENCH_CP" \
    school.activity.benchmarks.fanout.FanoutBenchmark "$CLUSTER_BROADCASTER_PORTS" \
    "$PID:$((CLUSTER_BROADCASTER_PORTS + CLUSTER_MANAGEMENT_PORT_OFFSET))" "$PEER_PORT" \
    "$ROOT/benchmarks/ws-peer/peer.js" "$CLIENTS" "$TICKS" "$INTERVAL" "$BENCH_WORK" "$MARKDOWN"
bench_say "uptime at end: $(uptime)"
