#!/usr/bin/env bash
# Ingest: <users> distinct users x <rounds> events applied to PostgreSQL by the tracker's batch consumer (timed by its
# own counters, first write to last), against PostgreSQL's ceiling for the same statement (pgbench: the consumer's set
# upsert, its batch size and concurrency) and one upsert per event (the original per-request approach, the same events
# in the same order); then request-to-row lag at <lag-rate> heartbeats/s. PostgreSQL, Kafka and the tracker of the
# bench cluster (own run directory and ports). Prints the table, appends it to docs/benchmarks.md.
# Usage: scripts/bench/ingest.sh [users=100000] [rounds=3] [baseline-threads=8] [baseline-seconds=20]
#                                [lag-rate=5000] [lag-seconds=20] [pgbench-seconds=15]
# Bounded: the Java run is killed after a fixed limit; the cluster members it started are stopped on exit.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

USERS="${1:-100000}"
ROUNDS="${2:-3}"
THREADS="${3:-8}"
BASELINE_SECONDS="${4:-20}"
LAG_RATE="${5:-5000}"
LAG_SECONDS="${6:-20}"
PGBENCH_SECONDS="${7:-15}"

command -v pgbench >/dev/null || {
    bench_say "pgbench is missing: it is PostgreSQL's ceiling this benchmark compares with; install it"
    bench_say "(Debian/Ubuntu: apt-get install postgresql-client, which includes pgbench)"
    exit 1
}

bench_say "uptime at start: $(uptime)"
trap 'cluster stop tracker kafka postgres >/dev/null 2>&1 || true' EXIT
bench_build
cluster start postgres kafka tracker >/dev/null
# Students only, so user id n has the seed's phone +15551<n>; every user already has a row (the consumer updates).
cluster seed "$USERS" 0 0 >/dev/null
seed_school 0 0 0
eval "$(cluster env)"
export BENCH_WORK
bench_java 900 -Xmx1g -cp "$BENCH_CP" school.activity.benchmarks.ingest.IngestBenchmark \
    "$ROOT/scripts/cluster.sh" "$USERS" "$ROUNDS" "$THREADS" "$BASELINE_SECONDS" "$LAG_RATE" "$LAG_SECONDS" \
    "$PGBENCH_SECONDS" "$MARKDOWN"
bench_say "uptime at end: $(uptime)"
