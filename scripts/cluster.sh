#!/usr/bin/env bash
# The production topology as processes on this machine, loopback only: PostgreSQL (Debian's server, own data
# directory and port), Kafka (KRaft broker from Maven Central jars), one tracker, two broadcasters and nginx on port
# 8000 in front of the broadcasters (the same proxy settings as docker-compose). State, logs and pids: run/cluster/.
#
#   scripts/cluster.sh start [--build] [--seed] [member...]   start (all by default), waiting for each to be healthy
#   scripts/cluster.sh stop [member...]                       graceful stop (all by default), SIGKILL after a bound
#   scripts/cluster.sh restart [member...]
#   scripts/cluster.sh status                                 pid, port and health per member; exit 0 if all are up
#   scripts/cluster.sh kill <member> [SIGNAL]                 fault injection: SIGKILL by default, no clean-up
#                                                             (STOP / CONT freeze and resume a member)
#   scripts/cluster.sh reload                                 nginx re-reads its upstreams (CLUSTER_BROADCASTER_PORTS)
#                                                             without dropping open connections
#   scripts/cluster.sh env                                    shell exports: addresses, secrets, settings
#   scripts/cluster.sh token <userId> <role> [phone] [ttlSeconds]   a JWT the services accept
#   scripts/cluster.sh seed [students teachers parents]       add demo users (idempotent)
#   scripts/cluster.sh smoke                                  end to end: request -> Kafka -> row -> channel via nginx
#   scripts/cluster.sh psql [args]                            psql on the cluster's database
#   scripts/cluster.sh logs <member>                          the member's log file (tail -f it)
#   scripts/cluster.sh clean                                  stop everything and delete run/cluster (all data)
#
# Members: postgres kafka tracker broadcaster-1 broadcaster-2 nginx; groups: all, broadcasters.
# Settings are CLUSTER_* environment variables (ports, heap, timeouts; `env` lists them). ACTIVITY_* and SPRING_*
# variables of the caller reach the services, e.g. ACTIVITY_WS_MAX_CONNECTIONS_PER_CHANNEL=5000.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=cluster/lib.sh
source "$ROOT/scripts/cluster/lib.sh"
# shellcheck source=cluster/members.sh
source "$ROOT/scripts/cluster/members.sh"
# shellcheck source=tools.sh
source "$ROOT/scripts/tools.sh"

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }

prepare() {
    mkdir -p "$RUN" "$LOGS" "$PIDS"
    # Thousands of WebSocket connections per member: every member inherits the highest open-file limit allowed.
    ulimit -n "$(ulimit -Hn)"
    load_secrets
}

cmd_start() {
    local build=0 seed=0 member
    local -a names=() pending=()
    for member in "$@"; do
        case "$member" in
            --build) build=1 ;;
            --seed) seed=1 ;;
            -*) die "unknown option $member" ;;
            *) names+=("$member") ;;
        esac
    done
    local list
    list=$(expand_members "${names[@]}") || exit 1
    if [[ " $list " =~ \ (tracker|broadcaster-[0-9]+)\  || $build == 1 ]]; then ensure_jars "$build"; fi
    for member in $list; do
        if is_running "$member"; then
            say "$member already runs (pid $(member_pid "$member"))"
            continue
        fi
        require_free_ports "$member"
        # Broadcasters start side by side; everything else waits for them (nginx needs a backend to be useful).
        if [[ "$(member_kind "$member")" != broadcaster ]]; then wait_pending "${pending[@]}"; pending=(); fi
        say "starting $member"
        start_member "$member"
        case "$(member_kind "$member")" in
            broadcaster) pending+=("$member") ;;
            tracker) wait_healthy tracker service_healthy ;;
        esac
    done
    wait_pending "${pending[@]}"
    if [[ $seed == 1 ]]; then cmd_seed; fi
    cmd_status || true
}

wait_pending() {
    local member
    for member in "$@"; do wait_healthy "$member" service_healthy; done
}

cmd_stop() {
    local list i
    local -a members
    list=$(expand_members "$@") || exit 1
    read -r -a members <<<"${list//$'\n'/ }"
    local -a services=()
    # Reverse start order. The services stop side by side; Kafka and PostgreSQL only after them, so the tracker can
    # flush its pending activity while shutting down.
    for ((i = ${#members[@]} - 1; i >= 0; i--)); do
        if ! is_running "${members[i]}"; then
            rm -f "$(pid_file "${members[i]}")"
            continue
        fi
        say "stopping ${members[i]}"
        case "$(member_kind "${members[i]}")" in
            tracker | broadcaster) stop_member "${members[i]}" & services+=($!) ;;
            *) if ((${#services[@]})); then wait "${services[@]}"; services=(); fi
               stop_member "${members[i]}" ;;
        esac
    done
    if ((${#services[@]})); then wait "${services[@]}"; fi
    # Staged jars are only needed by running members.
    if ! is_running tracker && [[ -z "$(for i in $(broadcaster_members); do is_running "$i" && echo "$i"; done)" ]]; then
        rm -rf "${RUN:?}/lib"
    fi
}

cmd_status() {
    local member pid state all_up=0
    printf '%-15s %-8s %-6s %-8s %s\n' MEMBER PID PORT HEALTH LOG
    for member in $(all_members); do
        if pid=$(member_pid "$member"); then
            if member_healthy "$member" >/dev/null 2>&1; then state=UP; else state=DOWN; all_up=1; fi
            if [[ "$(member_kind "$member")" =~ ^(tracker|broadcaster)$ ]]; then
                state=$(actuator_status "$(management_port "$member")")
                [[ "$state" == UP ]] || all_up=1
            fi
        elif [[ -f "$(pid_file "$member")" ]]; then
            pid="$(<"$(pid_file "$member")")"; state=DEAD; all_up=1
        else
            pid=-; state=stopped; all_up=1
        fi
        printf '%-15s %-8s %-6s %-8s %s\n' "$member" "$pid" "$(member_port "$member")" "$state" \
            "${LOGS#"$ROOT"/}/$member.log"
    done
    return $all_up
}

cmd_kill() {
    [[ $# -ge 1 ]] || usage
    local member=$1 signal=${2:-KILL} pid
    member_port "$member" >/dev/null
    pid=$(member_pid "$member") || die "$member is not running"
    say "sending SIG${signal#SIG} to $member (pid $pid and its process group)"
    signal_member "$member" "${signal#SIG}"
    # After SIGKILL, return once the whole group is gone, so an immediate `start` finds the ports and files free.
    if [[ "${signal#SIG}" =~ ^(KILL|9)$ ]]; then
        local deadline=$((SECONDS + 10))
        while kill -0 -- "-$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
    fi
}

cmd_reload() {
    local pid
    pid=$(member_pid nginx) || die "nginx is not running"
    render_nginx_conf
    nginx_test || die "nginx rejected $NGINX_DIR/nginx.conf; see $LOGS/nginx.log"
    kill -HUP "$pid"
    say "nginx reloaded; upstreams: ${BROADCASTER_PORTS[*]}"
}

cmd_env() {
    local port urls="" management=""
    for port in "${BROADCASTER_PORTS[@]}"; do
        urls+="http://$LOOPBACK:$port "
        management+="http://$LOOPBACK:$((port + CLUSTER_MANAGEMENT_PORT_OFFSET)) "
    done
    printf 'export %s=%q\n' \
        ACTIVITY_JWT_SECRET "$JWT_SECRET" \
        ACTIVITY_DB_URL "jdbc:postgresql://$LOOPBACK:$CLUSTER_PG_PORT/$DB_NAME" \
        ACTIVITY_DB_USER "$DB_USER" \
        ACTIVITY_DB_PASSWORD "$DB_PASSWORD" \
        ACTIVITY_KAFKA_BOOTSTRAP "$LOOPBACK:$CLUSTER_KAFKA_PORT" \
        CLUSTER_NGINX_URL "http://$LOOPBACK:$CLUSTER_NGINX_PORT" \
        CLUSTER_TRACKER_URL "http://$LOOPBACK:$CLUSTER_TRACKER_PORT" \
        CLUSTER_BROADCASTER_URLS "${urls% }" \
        CLUSTER_TRACKER_MANAGEMENT_URL "http://$LOOPBACK:$((CLUSTER_TRACKER_PORT + CLUSTER_MANAGEMENT_PORT_OFFSET))" \
        CLUSTER_BROADCASTER_MANAGEMENT_URLS "${management% }"
    local name
    for name in $(compgen -v CLUSTER_); do printf 'export %s=%q\n' "$name" "${!name}"; done
}

cmd_token() {
    [[ $# -ge 2 ]] || usage
    cluster_tool token "$@"
}

require_schema() {
    is_running postgres || die "postgres is not running (scripts/cluster.sh start)"
    [[ "$(app_psql -tAc "SELECT to_regclass('public.users') IS NOT NULL")" == t ]] \
        || die "no users table yet: the services create the schema when they start (scripts/cluster.sh start)"
}

cmd_seed() {
    require_schema
    local students=${1:-$CLUSTER_SEED_STUDENTS} teachers=${2:-$CLUSTER_SEED_TEACHERS} parents=${3:-$CLUSTER_SEED_PARENTS}
    [[ "$students$teachers$parents" =~ ^[0-9]+$ ]] || die "seed: counts must be numbers"
    app_psql -v students="$students" -v teachers="$teachers" -v parents="$parents" -f "$ROOT/scripts/cluster/seed.sql"
    say "users per role: $(app_psql -tAc "SELECT string_agg(role || '=' || n, ' ' ORDER BY role) FROM (SELECT role, count(*) n FROM users GROUP BY role) r")"
}

# One request through the tracker reaches PostgreSQL through Kafka and is shown on a channel through nginx.
cmd_smoke() {
    local member
    for member in $(all_members); do is_running "$member" || die "$member is not running (scripts/cluster.sh start)"; done
    require_schema
    [[ -n "$(app_psql -tAc "SELECT 1 FROM users WHERE role = 'student' LIMIT 1")" ]] || cmd_seed
    local user_id phone started token admin code deadline seen=""
    IFS='|' read -r user_id phone < <(app_psql -tAc "SELECT id, coalesce(phone, '') FROM users WHERE role = 'student' ORDER BY id LIMIT 1")
    token=$(cluster_tool token "$user_id" student "$phone")
    admin=$(cluster_tool token 1 admin)
    started=$(app_psql -tAc "SELECT (now() AT TIME ZONE 'UTC') - interval '1 second'")

    # Headers from stdin: a token never shows in a process list.
    code=$(curl -sS -o /dev/null -w '%{http_code}' -X POST -H @- \
        "http://$LOOPBACK:$CLUSTER_TRACKER_PORT/activity/heartbeat" <<<"Authorization: Bearer $token")
    [[ "$code" == 204 ]] || die "smoke: POST /activity/heartbeat answered $code, expected 204"
    say "smoke: heartbeat for student $user_id accepted (204)"

    deadline=$((SECONDS + 30))
    while ((SECONDS < deadline)); do
        seen=$(app_psql -tAc "SELECT last_active FROM user_activity WHERE user_id = $user_id AND last_active >= '$started'")
        [[ -z "$seen" ]] || break
        sleep 0.5
    done
    [[ -n "$seen" ]] || die "smoke: no user_activity row for user $user_id within 30 s"
    say "smoke: user_activity.last_active = $seen"

    ACCESS_TOKEN="$admin" cluster_tool ws-expect-online "ws://$LOOPBACK:$CLUSTER_NGINX_PORT/ws/students" "$user_id" 25 \
        || die "smoke: student $user_id not shown online on /ws/students through nginx"
    say "smoke: student $user_id shown online on /ws/students through nginx"

    local status
    status=$(curl -fsS -H @- "http://$LOOPBACK:$CLUSTER_NGINX_PORT/activity/status" <<<"Authorization: Bearer $admin") \
        || die "smoke: GET /activity/status through nginx failed"
    say "smoke: /activity/status $status"
    [[ "$status" =~ \"instances\":${#BROADCASTER_PORTS[@]}[,\}] ]] \
        || die "smoke: /activity/status does not count ${#BROADCASTER_PORTS[@]} broadcaster instances"
    say "smoke: passed"
}

cmd_psql() {
    is_running postgres || die "postgres is not running"
    PGPASSWORD="$DB_PASSWORD" exec "$(pg_bin)/psql" -h "$LOOPBACK" -p "$CLUSTER_PG_PORT" -U "$DB_USER" -d "$DB_NAME" "$@"
}

cmd_logs() {
    [[ $# -eq 1 ]] || usage
    member_port "$1" >/dev/null
    echo "$LOGS/$1.log"
}

cmd_clean() {
    cmd_stop
    say "deleting $RUN"
    rm -rf "${RUN:?}"
}

[[ $# -ge 1 ]] || usage
command=$1; shift
case "$command" in
    start) prepare; cmd_start "$@" ;;
    stop) prepare; cmd_stop "$@" ;;
    restart) prepare; cmd_stop $(printf '%s\n' "$@" | grep -v '^-' || true); cmd_start "$@" ;;
    status) prepare; cmd_status ;;
    kill) prepare; cmd_kill "$@" ;;
    reload) prepare; cmd_reload ;;
    env) prepare; cmd_env ;;
    token) prepare; cmd_token "$@" ;;
    seed) prepare; cmd_seed "$@" ;;
    smoke) prepare; cmd_smoke ;;
    psql) prepare; cmd_psql "$@" ;;
    logs) prepare; cmd_logs "$@" ;;
    clean) prepare; cmd_clean ;;
    -h | --help | help) usage ;;
    *) usage ;;
esac
