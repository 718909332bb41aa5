# shellcheck shell=bash
# Settings and process helpers for scripts/cluster.sh (sourced, not run).
#
# Every setting is an environment variable with a default; `scripts/cluster.sh env` prints the effective values.
: "${CLUSTER_RUN_DIR:=$ROOT/run/cluster}"
: "${CLUSTER_NGINX_PORT:=8000}"
: "${CLUSTER_TRACKER_PORT:=8080}"
: "${CLUSTER_BROADCASTER_PORTS:=8001 8002}"
: "${CLUSTER_PG_PORT:=55432}"
: "${CLUSTER_KAFKA_PORT:=59092}"
: "${CLUSTER_KAFKA_CONTROLLER_PORT:=59093}"
# Each service's actuator (health, metrics) listens on a port of its own, this far above the service's port (tracker
# 8080 -> 9080, broadcasters 8001 8002 -> 9001 9002); nginx never publishes it.
: "${CLUSTER_MANAGEMENT_PORT_OFFSET:=1000}"
# Partitions of auto-created topics (room for several consumer replicas).
: "${CLUSTER_KAFKA_PARTITIONS:=6}"
: "${CLUSTER_KAFKA_HEAP:=-Xms256m -Xmx1g}"
: "${CLUSTER_TRACKER_JAVA_OPTS:=-Xms256m -Xmx1g}"
# The broadcaster's frames are shared direct buffers, so its heap holds little per connection: a 256 MB heap and the
# serial collector (no concurrent GC threads or remembered sets) keep its resident memory small (README, Operations).
: "${CLUSTER_BROADCASTER_JAVA_OPTS:=-XX:+UseSerialGC -Xms32m -Xmx256m}"
: "${CLUSTER_PG_MAX_CONNECTIONS:=200}"
# File descriptors for nginx: each WebSocket client holds two connections (client side and upstream side).
: "${CLUSTER_NGINX_WORKER_CONNECTIONS:=20000}"
# Seconds to wait for a member to become healthy, and for a graceful stop before SIGKILL.
: "${CLUSTER_START_TIMEOUT:=120}"
: "${CLUSTER_STOP_TIMEOUT:=30}"
# Users `seed` adds per role (the reference workload is 2000 / 150 / 3000).
: "${CLUSTER_SEED_STUDENTS:=5}"
: "${CLUSTER_SEED_TEACHERS:=3}"
: "${CLUSTER_SEED_PARENTS:=5}"

RUN="$CLUSTER_RUN_DIR"
LOGS="$RUN/logs"
PIDS="$RUN/pids"
DB_NAME=activity
DB_USER=activity
LOOPBACK=127.0.0.1
read -r -a BROADCASTER_PORTS <<<"$CLUSTER_BROADCASTER_PORTS"

die() { echo "cluster: $*" >&2; exit 1; }
# Progress goes to stderr; stdout carries only what a caller may capture (env, token, status table).
say() { echo "cluster: $*" >&2; }

# ---- members -------------------------------------------------------------------------------------------------------

broadcaster_members() {
    local i
    for i in "${!BROADCASTER_PORTS[@]}"; do echo "broadcaster-$((i + 1))"; done
}

all_members() { echo postgres kafka tracker $(broadcaster_members) nginx; }

# The TCP port a member listens on (the one `status` probes and `start` needs free).
member_port() {
    case "$1" in
        postgres) echo "$CLUSTER_PG_PORT" ;;
        kafka) echo "$CLUSTER_KAFKA_PORT" ;;
        tracker) echo "$CLUSTER_TRACKER_PORT" ;;
        nginx) echo "$CLUSTER_NGINX_PORT" ;;
        broadcaster-*)
            local index=${1#broadcaster-}
            [[ "$index" =~ ^[0-9]+$ && "$index" -ge 1 && "$index" -le ${#BROADCASTER_PORTS[@]} ]] \
                || die "no member $1 (CLUSTER_BROADCASTER_PORTS='$CLUSTER_BROADCASTER_PORTS')"
            echo "${BROADCASTER_PORTS[$((index - 1))]}" ;;
        *) die "no member '$1' (members: $(all_members); groups: all, broadcasters)" ;;
    esac
}

# The actuator's port of a tracker or broadcaster member (health, metrics).
management_port() { echo $(($(member_port "$1") + CLUSTER_MANAGEMENT_PORT_OFFSET)); }

# Every port a member binds (Kafka has a second one for its controller, the services one for their actuator).
member_ports() {
    member_port "$1"
    case "$1" in
        kafka) echo "$CLUSTER_KAFKA_CONTROLLER_PORT" ;;
        tracker | broadcaster-*) management_port "$1" ;;
    esac
}

# Expands the groups `all` (or nothing) and `broadcasters` into member names, always in start order.
expand_members() {
    local name wanted=" "
    if [[ $# -eq 0 ]]; then all_members; return; fi
    for name in "$@"; do
        case "$name" in
            all) wanted+="$(all_members) " ;;
            broadcasters) wanted+="$(broadcaster_members | tr '\n' ' ')" ;;
            *) member_port "$name" >/dev/null; wanted+="$name " ;;
        esac
    done
    for name in $(all_members); do
        if [[ "$wanted" == *" $name "* ]]; then echo "$name"; fi
    done
}

# ---- processes -----------------------------------------------------------------------------------------------------

pid_file() { echo "$PIDS/$1.pid"; }

# A string that the member's command line contains, so a recycled pid is never mistaken for the member.
member_marker() {
    case "$1" in
        postgres) echo "$RUN/postgres/data" ;;
        nginx) echo "$RUN/nginx/nginx.conf" ;;
        *) echo "-Dactivity.cluster.member=$1" ;;
    esac
}

# Prints the member's pid if it runs, else nothing (and returns 1).
member_pid() {
    local file pid
    file=$(pid_file "$1")
    [[ -f "$file" ]] || return 1
    pid=$(<"$file")
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    [[ -r "/proc/$pid/cmdline" ]] || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$(member_marker "$1")" || return 1
    echo "$pid"
}

is_running() { member_pid "$1" >/dev/null; }

# Whether the pid recorded by a start that is under way is still alive (no command-line check: while a process
# execs, /proc/<pid>/cmdline can read empty for a moment).
launched_alive() {
    local pid state
    pid=$(<"$(pid_file "$1")") || return 1
    state=$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null) || return 1
    [[ -n "$state" && "$state" != Z ]]
}

# Runs a command detached in its own session (Ctrl-C in the caller's terminal does not reach it); output appended
# to the member's log; pid recorded. The session id equals the pid, so a signal can reach the whole group.
launch() {
    local member=$1; shift
    local log="$LOGS/$member.log"
    printf '\n===== %s start %s =====\n' "$(date -u +%FT%TZ)" "$member" >>"$log"
    setsid "$@" >>"$log" 2>&1 </dev/null &
    echo $! >"$(pid_file "$member")"
}

# Fails with a clear message when a port the member needs is taken by something else.
require_free_ports() {
    local member=$1 port holder
    for port in $(member_ports "$member"); do
        if ss -Hltn "sport = :$port" | grep -q .; then
            holder=$(ss -Hltnp "sport = :$port" | grep -o 'users:(([^)]*' | head -1 | sed 's/users:((//')
            die "port $port (for $member) is already in use${holder:+ by $holder}; stop that process or choose another port (scripts/cluster.sh env lists the CLUSTER_*_PORT settings)"
        fi
    done
}

# Waits until `check` succeeds; fails early when the member's process is gone, and after CLUSTER_START_TIMEOUT.
wait_healthy() {
    local member=$1 check=$2 deadline=$((SECONDS + CLUSTER_START_TIMEOUT))
    while ! "$check" "$member" >/dev/null 2>&1; do
        if ! launched_alive "$member"; then
            tail -n 30 "$LOGS/$member.log" >&2 || true
            die "$member exited during start-up; log: $LOGS/$member.log"
        fi
        if ((SECONDS >= deadline)); then
            tail -n 30 "$LOGS/$member.log" >&2 || true
            die "$member not healthy after ${CLUSTER_START_TIMEOUT}s; log: $LOGS/$member.log"
        fi
        sleep 0.5
    done
}

# Sends a signal to the member's whole process group (members started by `launch` lead their own group).
signal_member() {
    local member=$1 signal=$2 pid
    pid=$(member_pid "$member") || return 0
    kill "-$signal" -- "-$pid" 2>/dev/null || kill "-$signal" "$pid" 2>/dev/null || true
}

# SIGTERM (graceful), then SIGKILL after CLUSTER_STOP_TIMEOUT.
stop_process() {
    local member=$1 pid deadline
    pid=$(member_pid "$member") || { rm -f "$(pid_file "$member")"; return 0; }
    signal_member "$member" TERM
    deadline=$((SECONDS + CLUSTER_STOP_TIMEOUT))
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
        say "$member did not stop within ${CLUSTER_STOP_TIMEOUT}s; killing it"
        signal_member "$member" KILL
        while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    fi
    rm -f "$(pid_file "$member")"
}

# ---- HTTP probes ---------------------------------------------------------------------------------------------------

http_ok() { curl -fsS -o /dev/null --max-time 3 "$1"; }

# UP when the service is ready for traffic; otherwise the status its actuator reports, or DOWN when it does not answer.
# $1: the service's management port.
actuator_status() {
    local body
    if http_ok "http://$LOOPBACK:$1/actuator/health/readiness"; then echo UP; return; fi
    body=$(curl -sS --max-time 3 "http://$LOOPBACK:$1/actuator/health" 2>/dev/null) || { echo DOWN; return; }
    grep -o '"status":"[A-Z_]*"' <<<"$body" | head -1 | cut -d'"' -f4 | grep . || echo DOWN
}

# ---- root and package installation ---------------------------------------------------------------------------------

# Installs a Debian package when a command is missing (root only). A temporary policy-rc.d keeps apt from starting
# the package's own system service (nginx on port 80, a default PostgreSQL cluster). APT_NO_RECOMMENDS=1 leaves the
# package's recommendations out.
need_package() {
    command -v "$1" >/dev/null 2>&1 || install_package "$2"
}

install_package() {
    local package=$1 created_policy=0
    [[ $EUID -eq 0 ]] || die "the Debian package '$package' is missing; install it (needs root)"
    say "installing $package"
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && created_policy=1
    fi
    local rc=0
    if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null \
        && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${APT_NO_RECOMMENDS:+--no-install-recommends} \
            "$package" >/dev/null; }; then rc=1; fi
    if [[ $created_policy -eq 1 ]]; then rm -f /usr/sbin/policy-rc.d; fi
    [[ $rc -eq 0 ]] || die "could not install $package"
}
