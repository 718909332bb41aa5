#!/usr/bin/env bash
# One broadcaster tick at the reference size, all on 127.0.0.1: the broadcaster and an embedded PostgreSQL with
# <students> students in one JVM, <clients> WebSocket clients on /ws/students in a second JVM. Prints, per tick,
# the frame's size and the time from the frame's encoding to its first and last receipt, then the server's meters.
# Usage: scripts/bench/tick.sh [clients=3000] [students=2000] [ticks=3] [interval-seconds=10]
# Bounded: killed after (ticks + 2) intervals plus a start-up margin; everything it starts is its own child.
set -euo pipefail
cd "$(dirname "$0")/../.."

CLIENTS="${1:-3000}"
STUDENTS="${2:-2000}"
TICKS="${3:-3}"
INTERVAL="${4:-10}"
LIMIT=$(( (TICKS + 2) * INTERVAL + 300 ))
CLASSPATH_FILE="$(mktemp)"
trap 'rm -f "$CLASSPATH_FILE"; [[ -n "${BENCH_PID:-}" ]] && kill "$BENCH_PID" 2>/dev/null || true' EXIT

./mvnw -o -q -B -pl broadcaster-service test-compile dependency:build-classpath \
    -Dmdep.outputFile="$CLASSPATH_FILE" -Dmdep.includeScope=test >/dev/null

timeout --kill-after=10 "$LIMIT" java -Xmx1g \
    -cp "broadcaster-service/target/test-classes:broadcaster-service/target/classes:$(cat "$CLASSPATH_FILE")" \
    school.activity.broadcaster.bench.TickBenchmark "$CLIENTS" "$STUDENTS" "$TICKS" "$INTERVAL" \
    2> >(grep -v -E '^(SLF4J|WARNING)' >&2) &
BENCH_PID=$!
wait "$BENCH_PID"
BENCH_PID=
