#!/usr/bin/env bash
# Filter cost: the tracker (with its PostgreSQL and Kafka, the bench cluster's own ports) on a trivial endpoint,
# tracking on (valid token) vs off (no token), alternating phases in one run. Prints the table, appends it to
# docs/benchmarks.md.
# Usage: scripts/bench/filter.sh [seconds-per-phase=10] [rounds=3] [concurrency=16] [users=2000]
# Bounded: the Java run is killed after its phases plus a margin; the cluster members it started are stopped on exit.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

SECONDS_PER_PHASE="${1:-10}"
ROUNDS="${2:-3}"
CONCURRENCY="${3:-16}"
USERS="${4:-2000}"
LIMIT=$(( (2 * ROUNDS + 1) * SECONDS_PER_PHASE + 120 ))

bench_say "uptime at start: $(uptime)"
trap 'cluster stop tracker kafka postgres >/dev/null 2>&1 || true' EXIT
bench_build
cluster start postgres kafka tracker >/dev/null
seed_school 2000 150 3000
bench_say "tracker on $CLUSTER_TRACKER_PORT; uptime: $(uptime)"
ACTIVITY_JWT_SECRET=$(bench_secret) bench_java "$LIMIT" -Xmx512m -cp "$BENCH_CP" \
    school.activity.benchmarks.filter.FilterCostBenchmark "$CLUSTER_TRACKER_PORT" "$SECONDS_PER_PHASE" "$ROUNDS" \
    "$CONCURRENCY" "$USERS" "$MARKDOWN"
bench_say "uptime at end: $(uptime)"
