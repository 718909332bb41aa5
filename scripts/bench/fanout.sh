#!/usr/bin/env bash
# Fan-out: one broadcaster (its own PostgreSQL, the reference school of 2000 students, 150 teachers, 3000 parents)
# with <clients> connections on each of its 3 channels, clients in a separate JVM; then the same clients, settings and
# payloads (captured from the broadcaster in the same run) on a plain Node.js `ws` broadcast server. Between ticks a
# share of the users becomes active (as in the demo school). Prints the table, appends it to docs/benchmarks.md.
# Usage: scripts/bench/fanout.sh [--deflate] [--delta] [clients-per-channel=3000] [ticks=4] [interval-seconds=10]
#   --deflate (or BENCH_DEFLATE=1): every client offers permessage-deflate and counts compressed bytes on the wire; a
#     sample inflates every message and checks it; the ws peer runs with perMessageDeflate on. A server that declines
#     the extension is measured plain, and its row says so.
#   --delta (or BENCH_DELTA=1): the broadcaster is measured twice, seed mode then delta mode (?mode=delta), and bytes
#     and CPU per tick are compared; a sample applies every delta and checks it. Says so when the server sends none.
# Then the connection storm of scripts/bench/storm.sh on both servers (the limit plus BENCH_STORM_EXTRA, default 10 %,
# at once on each channel, offering permessage-deflate under --deflate; BENCH_STORM=0 skips it), its own table.
# Each server first runs BENCH_WARMUP_TICKS (default 3) ticks that are not counted (a fresh JVM compiles).
# BENCH_SAMPLE (default 3): clients per channel that decode and check every message. BENCH_CHURN=0: no activity
# between ticks. BENCH_MARKDOWN: where the rows go (default docs/benchmarks.md).
# BENCH_JFR=1 records a JFR profile of the broadcaster into run/bench/fanout/work/. BENCH_BROADCASTER_HEAP (default
# 256m, as deployed); BENCH_BROADCASTER_OPTS: more JVM options for it (e.g. -XX:+DumpPerfMapAtExit for perf).
# Bounded: the Java run is killed after its ticks plus margins; the cluster members it started are stopped on exit.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

DEFLATE="${BENCH_DEFLATE:-0}"
DELTA="${BENCH_DELTA:-0}"
ARGS=()
for arg in "$@"; do
    case "$arg" in
        --deflate) DEFLATE=1 ;;
        --delta) DELTA=1 ;;
        --*) echo "unknown option $arg" >&2; exit 2 ;;
        *) ARGS+=("$arg") ;;
    esac
done
CLIENTS="${ARGS[0]:-3000}"
TICKS="${ARGS[1]:-4}"
INTERVAL="${ARGS[2]:-10}"
PEER_PORT="${BENCH_PEER_PORT:-18101}"
RUNS=$(( DELTA == 1 ? 3 : 2 ))
LIMIT=$(( RUNS * (TICKS + BENCH_WARMUP_TICKS + 4) * INTERVAL + 200 * RUNS ))
export CLUSTER_BROADCASTER_PORTS="${CLUSTER_BROADCASTER_PORTS%% *}"
JFR_OPTS=""
if [[ -n "${BENCH_JFR:-}" ]]; then
    JFR_OPTS="-XX:StartFlightRecording=filename=$BENCH_WORK/broadcaster.jfr,settings=profile,dumponexit=true"
fi
export CLUSTER_BROADCASTER_JAVA_OPTS="$BENCH_BROADCASTER_JVM $JFR_OPTS \
${BENCH_BROADCASTER_OPTS:-}"
# Delta mode adds one seed-mode reference client per channel (the picture the deltas must add up to).
PER_CHANNEL_LIMIT=$(( CLIENTS + (DELTA == 1 ? 1 : 0) ))
STORM_EXTRA="${BENCH_STORM_EXTRA:-$(( (CLIENTS + 9) / 10 ))}"
export ACTIVITY_WS_MAX_CONNECTIONS_PER_CHANNEL="$PER_CHANNEL_LIMIT" ACTIVITY_BROADCAST_INTERVAL="${INTERVAL}s"

bench_say "uptime at start: $(uptime)"
start_reference_broadcaster
bench_db_env
PID=$(member_java_pid broadcaster-1)
bench_say "broadcaster-1 pid $PID on ${CLUSTER_BROADCASTER_PORTS}; uptime: $(uptime)"
ACTIVITY_JWT_SECRET=$(bench_secret) bench_java "$LIMIT" -Xmx1g -Dbench.warmup-ticks="$BENCH_WARMUP_TICKS" \
    -Dbench.deflate="$([[ $DEFLATE == 1 ]] && echo true || echo false)" \
    -Dbench.delta="$([[ $DELTA == 1 ]] && echo true || echo false)" \
    -Dbench.sample="${BENCH_SAMPLE:-3}" -Dbench.churn="$([[ ${BENCH_CHURN:-1} == 0 ]] && echo false || echo true)" \
    -cp "$BENCH_CP" school.activity.benchmarks.fanout.FanoutBenchmark "$CLUSTER_BROADCASTER_PORTS" \
    "$PID:$((CLUSTER_BROADCASTER_PORTS + CLUSTER_MANAGEMENT_PORT_OFFSET))" "$PEER_PORT" \
    "$ROOT/benchmarks/ws-peer/peer.js" "$CLIENTS" "$TICKS" "$INTERVAL" \
    "$BENCH_WORK" "$MARKDOWN"
if [[ "${BENCH_STORM:-1}" != 0 ]]; then
    bench_say "storm: $PER_CHANNEL_LIMIT + $STORM_EXTRA per channel; uptime: $(uptime)"
    ACTIVITY_JWT_SECRET=$(bench_secret) bench_java 600 -Xmx1g \
        -Dbench.deflate="$([[ $DEFLATE == 1 ]] && echo true || echo false)" -cp "$BENCH_CP" \
        school.activity.benchmarks.storm.StormBenchmark "$CLUSTER_BROADCASTER_PORTS" "$PEER_PORT" \
        "$ROOT/benchmarks/ws-peer/peer.js" "$PER_CHANNEL_LIMIT" "$STORM_EXTRA" "$BENCH_WORK" "$MARKDOWN"
fi
bench_say "uptime at end: $(uptime)"
