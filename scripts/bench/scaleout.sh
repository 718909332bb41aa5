#!/usr/bin/env bash
# Scale-out: does a second broadcaster add capacity? The process cluster (PostgreSQL, Kafka, tracker with its
# consumer, two broadcasters behind nginx; the bench cluster's own run directory and ports), the reference school
# seeded, each broadcaster admitting <limit> connections per channel. The same <clients> per channel through nginx,
# first with both broadcasters, then with broadcaster-2 stopped. Per run: connected and refused, the
# round (tick start to the last receipt of the tick's last channel), bytes on the wire per tick, CPU of the
# broadcasters, largest heap and RSS (columns as in fanout.sh). Appends both rows to docs/benchmarks.md.
# Usage: scripts/bench/scaleout.sh [clients-per-channel=3000] [limit-per-channel=1500] [ticks=4] [interval-seconds=10]
# The defaults fit one 2-core machine (9000 clients in all, as many as the single fan-out benchmark): at 2x the
# reference (6000 per channel, limit 3000) the clients' JVM, nginx and both broadcasters need more CPU per tick than
# 2 cores have (docs/benchmarks.md, Scale-out).
# The first BENCH_WARMUP_TICKS (default 3) ticks of each run are not counted (a fresh JVM compiles).
# Bounded: each Java run is killed after its ticks plus margins; the cluster members it started are stopped on exit.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

CLIENTS="${1:-3000}"
LIMIT_PER_CHANNEL="${2:-1500}"
TICKS="${3:-4}"
INTERVAL="${4:-10}"
LIMIT=$(( (TICKS + BENCH_WARMUP_TICKS + 3) * INTERVAL + 400 ))
export CLUSTER_BROADCASTER_JAVA_OPTS="$BENCH_BROADCASTER_JVM"
export ACTIVITY_BROADCAST_INTERVAL="${INTERVAL}s" ACTIVITY_WS_MAX_CONNECTIONS_PER_CHANNEL="$LIMIT_PER_CHANNEL"

# One measured run through nginx: $1 the broadcasters' pid:port list, $2 the row's name.
measure() {
    bench_say "$2: $1 behind nginx on $CLUSTER_NGINX_PORT; uptime: $(uptime)"
    ACTIVITY_JWT_SECRET=$(bench_secret) bench_java "$LIMIT" -Xmx1500m -Dbench.warmup-ticks="$BENCH_WARMUP_TICKS" \
        -Dbench.sample="${BENCH_SAMPLE:-3}" -cp "$BENCH_CP" \
        school.activity.benchmarks.fanout.FanoutBenchmark "$CLUSTER_NGINX_PORT" "$1" 0 - "$CLIENTS" "$TICKS" \
        "$INTERVAL" "$BENCH_WORK" "$MARKDOWN" "$2"
}

bench_say "uptime at start: $(uptime)"
trap 'cluster stop >/dev/null 2>&1 || true' EXIT
bench_build
cluster start >/dev/null
seed_school 2000 150 3000
bench_db_env
MEMBERS=""
for b in $(seq 1 "$(wc -w <<<"$CLUSTER_BROADCASTER_PORTS")"); do
    port=$(cut -d' ' -f"$b" <<<"$CLUSTER_BROADCASTER_PORTS")
    MEMBERS+="${MEMBERS:+,}$(member_java_pid "broadcaster-$b"):$((port + CLUSTER_MANAGEMENT_PORT_OFFSET))"
done
measure "$MEMBERS" "2 broadcasters, $LIMIT_PER_CHANNEL per channel each"
cluster stop broadcaster-2 >/dev/null
measure "${MEMBERS%%,*}" "1 broadcaster (broadcaster-2 stopped), $LIMIT_PER_CHANNEL per channel"
bench_say "uptime at end: $(uptime)"
