#!/usr/bin/env bash
# Scale-out: the process cluster (PostgreSQL, Kafka, tracker with its consumer, two broadcasters behind nginx; the
# bench cluster's own run directory and ports) with 2x the reference connections (<clients> per channel through
# nginx, i.e. 3000 per channel on each broadcaster), the reference school seeded. Per tick: tick start to each
# client's receipt, bytes/s, CPU of both broadcasters, largest heap and RSS. Appends to docs/benchmarks.md.
# Usage: scripts/bench/scaleout.sh [clients-per-channel=6000] [ticks=4] [interval-seconds=10]
# The first BENCH_WARMUP_TICKS (default 3) ticks are not counted (a fresh JVM compiles).
# Bounded: the Java run is killed after its ticks plus margins; the cluster members it started are stopped on exit.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

CLIENTS="${1:-6000}"
TICKS="${2:-4}"
INTERVAL="${3:-10}"
WARMUP="${BENCH_WARMUP_TICKS:-3}"
LIMIT=$(( (TICKS + WARMUP + 3) * INTERVAL + 400 ))
export CLUSTER_BROADCASTER_JAVA_OPTS="-Xms256m -Xmx${BENCH_BROADCASTER_HEAP:-512m}"
export ACTIVITY_BROADCAST_INTERVAL="${INTERVAL}s"

bench_say "uptime at start: $(uptime)"
trap 'cluster stop >/dev/null 2>&1 || true' EXIT
bench_build
cluster start >/dev/null
seed_school 2000 150 3000
MEMBERS=""
for b in $(seq 1 "$(wc -w <<<"$CLUSTER_BROADCASTER_PORTS")"); do
    port=$(cut -d' ' -f"$b" <<<"$CLUSTER_BROADCASTER_PORTS")
    MEMBERS+="${MEMBERS:+,}$(member_java_pid "broadcaster-$b"):$port"
done
bench_say "broadcasters $MEMBERS behind nginx on $CLUSTER_NGINX_PORT; uptime: $(uptime)"
ACTIVITY_JWT_SECRET=$(bench_secret) bench_java "$LIMIT" -Xmx1500m -Dbench.warmup-ticks="$WARMUP" -cp "$BENCH_CP" \
    school.activity.benchmarks.fanout.FanoutBenchmark "$CLUSTER_NGINX_PORT" "$MEMBERS" 0 - "$CLIENTS" "$TICKS" \
    "$INTERVAL" "$BENCH_WORK" "$MARKDOWN" "2 broadcasters behind nginx"
bench_say "uptime at end: $(uptime)"
