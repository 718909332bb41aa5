# shellcheck shell=bash
# Shared by the fault scenarios (sourced): the cluster's settings and functions, FaultTool, timing and the result line.
set -euo pipefail
FAULTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$FAULTS_DIR/../.." && pwd)
CLUSTER="$ROOT/scripts/cluster.sh"
# shellcheck source=../cluster/lib.sh
source "$ROOT/scripts/cluster/lib.sh"
# shellcheck source=../cluster/members.sh
source "$ROOT/scripts/cluster/members.sh"
load_secrets
eval "$("$CLUSTER" env)"

# Where a scenario keeps its marks and outputs (removed by the caller's trap).
WORK=$(mktemp -d "${TMPDIR:-/tmp}/faults.XXXXXX")

# shellcheck source=../tools.sh
source "$ROOT/scripts/tools.sh"

fault_tool() { tools_java school.activity.benchmarks.faults.FaultTool "$@"; }
# Compiled once up front: tools started side by side in the background must not each start a build.
tools_classpath >/dev/null || exit 1

now_ms() { date +%s%3N; }
# Written whole, then renamed: FaultTool polls for these files.
mark() { now_ms >"$WORK/$1.tmp" && mv "$WORK/$1.tmp" "$WORK/$1"; }
log() { echo "faults[$(date -u +%T)]: $*" >&2; }

# Brings the whole cluster up (idempotent) with enough users for the traffic.
ensure_cluster() {
    "$CLUSTER" start >/dev/null
    [[ "$(app_psql -tAc "SELECT count(*) >= ${1:-500} FROM users")" == t ]] || "$CLUSTER" seed 2000 150 3000 >/dev/null
}

# The number in a FaultTool line, e.g. `count_in "$WORK/traffic.out" 'not answered 204'`.
count_in() { grep -o "[0-9]* $2" "$1" | head -1 | cut -d' ' -f1; }

# Runs FaultTool traffic in the background (it stops by itself), output in $WORK/traffic.out.
start_traffic() { # start_traffic <users> <rps> <seconds>
    fault_tool traffic "$CLUSTER_TRACKER_URL" "$1" "$2" "$3" "$WORK" >"$WORK/traffic.out" &
    # shellcheck disable=SC2034 # waited for by the scenario scripts
    TRAFFIC_PID=$!
}

# One-shot users (FaultTool one-shot): prepared in the background now, sent by fire_one_shot during the fault.
prepare_one_shot() { # prepare_one_shot <first user> <users>
    fault_tool one-shot "$CLUSTER_TRACKER_URL" "$1" "$2" "$WORK" &
    ONE_SHOT_PID=$!
    until [[ -f "$WORK/one_shot_ready" ]]; do
        kill -0 "$ONE_SHOT_PID" 2>/dev/null || die "FaultTool one-shot ended before it was ready"
        sleep 0.1
    done
}

# Sends the prepared requests and waits for them; ONE_SHOT_STATUS is 0 when every one was answered 204.
fire_one_shot() {
    mark one_shot_go
    ONE_SHOT_STATUS=0
    wait "$ONE_SHOT_PID" || ONE_SHOT_STATUS=1
}

load_note() { echo "load $(cut -d' ' -f1-3 /proc/loadavg)"; }

# The closing line of a scenario; exit status 0 when it held.
result() { # result <scenario> <ok 0|1> <summary>
    if [[ "$2" == 0 ]]; then echo "RESULT scenario $1: PASS - $3"; else echo "RESULT scenario $1: FAIL - $3"; fi
    return "$2"
}

# The sum of a Prometheus series over every broadcaster, e.g. `broadcasters_metric activity_broadcast_skipped_total`.
broadcasters_metric() {
    local port total=0 value
    for port in "${BROADCASTER_PORTS[@]}"; do
        value=$(curl -fsS --max-time 5 "http://$LOOPBACK:$((port + CLUSTER_MANAGEMENT_PORT_OFFSET))/actuator/prometheus" 2>/dev/null \
            | awk -v name="$1" 'index($0, name) == 1 { sum += $NF } END { printf "%d", sum }') || value=0
        total=$((total + ${value:-0}))
    done
    echo "$total"
}
ulimit -n "$(ulimit -Hn)" # thousands of sockets in one tool
