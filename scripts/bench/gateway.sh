#!/usr/bin/env bash
# Requests/s and p50/p99 latency through the tracker's gateway next to the same load sent straight to the upstream,
# in one run, all on 127.0.0.1 (upstream, tracker, embedded PostgreSQL and Kafka, load generator in one JVM).
# Usage: scripts/bench/gateway.sh [seconds-per-phase=15] [concurrency=32] [users=200]
# Bounded: the run is killed after 4 phases + start-up margin; everything it starts lives in that one JVM.
set -euo pipefail
cd "$(dirname "$0")/../.."

SECONDS_PER_PHASE="${1:-15}"
CONCURRENCY="${2:-32}"
USERS="${3:-200}"
LIMIT=$(( 4 * SECONDS_PER_PHASE + 180 ))
CLASSPATH_FILE="$(mktemp)"
trap 'rm -f "$CLASSPATH_FILE"; [[ -n "${BENCH_PID:-}" ]] && kill "$BENCH_PID" 2>/dev/null || true' EXIT

./mvnw -q -B -pl tracker-service -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$CLASSPATH_FILE" -Dmdep.includeScope=test >/dev/null

timeout --kill-after=10 "$LIMIT" java -Xmx1g \
    -cp "tracker-service/target/test-classes:tracker-service/target/classes:$(cat "$CLASSPATH_FILE")" \
    school.activity.tracker.gateway.GatewayBenchmark "$SECONDS_PER_PHASE" "$CONCURRENCY" "$USERS" \
    2> >(grep -v -E '^(SLF4J|WARNING)' >&2) &
BENCH_PID=$!
wait "$BENCH_PID"
BENCH_PID=
