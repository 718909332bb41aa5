# shellcheck shell=bash
# Shared by the scripts in scripts/bench/: a cluster of the benchmark's own (its own run directory and ports, so it
# never meets the default cluster or another run's), the benchmarks' class path, and a bounded Java run.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"

# Ports below the ephemeral range (32768-60999 on Linux): thousands of client sockets must not take them first.
# Each benchmark has its own run directory (database included), so one's data never reaches another's figures.
export CLUSTER_RUN_DIR="${CLUSTER_RUN_DIR:-$ROOT/run/bench/$(basename "$0" .sh)}"
export CLUSTER_NGINX_PORT="${CLUSTER_NGINX_PORT:-18000}"
export CLUSTER_TRACKER_PORT="${CLUSTER_TRACKER_PORT:-18080}"
export CLUSTER_BROADCASTER_PORTS="${CLUSTER_BROADCASTER_PORTS:-18001 18002}"
export CLUSTER_PG_PORT="${CLUSTER_PG_PORT:-26432}"
export CLUSTER_KAFKA_PORT="${CLUSTER_KAFKA_PORT:-29192}"
export CLUSTER_KAFKA_CONTROLLER_PORT="${CLUSTER_KAFKA_CONTROLLER_PORT:-29193}"
# Each service's actuator (metrics) listens this far above its port (broadcasters 18001 18002 -> 19001 19002).
export CLUSTER_MANAGEMENT_PORT_OFFSET="${CLUSTER_MANAGEMENT_PORT_OFFSET:-1000}"
export CLUSTER_PG_MAX_CONNECTIONS="${CLUSTER_PG_MAX_CONNECTIONS:-300}"
BENCH_WORK="$CLUSTER_RUN_DIR/work"
# BENCH_MARKDOWN: where the rows go (a scratch file for trial runs that must not reach the docs).
MARKDOWN="${BENCH_MARKDOWN:-$ROOT/docs/benchmarks.md}"
mkdir -p "$BENCH_WORK"
# 9000 client sockets in one process (and as many on the server side).
ulimit -n "$(ulimit -Hn)"

bench_say() { echo "bench: $*" >&2; }

# The broadcaster's JVM as compose, Kubernetes and scripts/cluster.sh run it (serial collector, 256 MB heap), so the
# figures are those of what ships; BENCH_BROADCASTER_HEAP changes the heap cap.
BENCH_BROADCASTER_JVM="-XX:+UseSerialGC -Xms32m -Xmx${BENCH_BROADCASTER_HEAP:-256m}"

# Ticks the fan-out and scale-out runs leave uncounted before they measure (a fresh JVM is still compiling); passed
# to FanoutBenchmark as -Dbench.warmup-ticks.
BENCH_WARMUP_TICKS="${BENCH_WARMUP_TICKS:-3}"

# shellcheck source=../tools.sh
source "$ROOT/scripts/tools.sh"

# The benchmarks module and what it needs, compiled; BENCH_CP is its class path.
bench_build() {
    BENCH_CP=$(tools_classpath)
}

cluster() { "$ROOT/scripts/cluster.sh" "$@"; }

# What the fan-out and storm benchmarks compare against the Node.js `ws` peer: broadcaster-1 on its own PostgreSQL
# with the reference school, the benchmarks compiled (BENCH_CP) and the peer's packages installed. Both cluster
# members are stopped when the script exits.
start_reference_broadcaster() {
    trap 'cluster stop broadcaster-1 postgres >/dev/null 2>&1 || true' EXIT
    bench_build
    (cd "$ROOT/benchmarks/ws-peer" && npm install --no-audit --no-fund --silent)
    cluster start postgres broadcaster-1 >/dev/null
    seed_school 2000 150 3000
}

# The JWT secret the cluster's services run with (kept in the bench run directory).
bench_secret() {
    cluster env | sed -n 's/^export ACTIVITY_JWT_SECRET=//p' | tr -d "'"
}

# The cluster's database for the benchmark's own writes (activity between ticks): ACTIVITY_DB_URL/USER/PASSWORD.
bench_db_env() {
    eval "$(cluster env | grep -E '^export ACTIVITY_DB_(URL|USER|PASSWORD)=')"
}

# The service's Java process (the pid file names the launcher, which may be a session leader around it).
member_java_pid() {
    local pid
    pid=$(<"$CLUSTER_RUN_DIR/pids/$1.pid")
    if [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == java ]]; then echo "$pid"; return; fi
    pgrep -s "$pid" -x java | head -1
}

# Users of the reference workload (or more) with about half of them active within the online threshold.
seed_school() {
    local students=$1 teachers=$2 parents=$3
    cluster seed "$students" "$teachers" "$parents" >/dev/null
    cluster psql -q -v ON_ERROR_STOP=1 -c "
        INSERT INTO user_activity (user_id, phone, last_active)
        SELECT id, phone, (now() AT TIME ZONE 'utc') - random() * interval '60 seconds' FROM users
        ON CONFLICT (user_id) DO NOTHING" >/dev/null
}

# java, bounded in time; stderr without the JVM's warnings.
bench_java() {
    local limit=$1; shift
    timeout --kill-after=10 "$limit" java "$@"
}
