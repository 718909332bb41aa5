# shellcheck shell=bash
# How each cluster member is prepared, started, probed and stopped (sourced by scripts/cluster.sh after lib.sh).

# ---- secrets -------------------------------------------------------------------------------------------------------
# Generated once and kept in run/cluster/secrets.env (mode 600). ACTIVITY_JWT_SECRET from the caller's environment
# wins at `start` and is then kept, so `token` mints for the secret the services run with.
SECRETS="$RUN/secrets.env"

random_secret() { head -c 48 /dev/urandom | base64 | tr -d '/+=\n' | head -c 48; }

load_secrets() {
    local stored_jwt="" stored_db=""
    if [[ -f "$SECRETS" ]]; then
        stored_jwt=$(sed -n 's/^JWT_SECRET=//p' "$SECRETS")
        stored_db=$(sed -n 's/^DB_PASSWORD=//p' "$SECRETS")
    fi
    JWT_SECRET=${ACTIVITY_JWT_SECRET:-${stored_jwt:-$(random_secret)}}
    DB_PASSWORD=${stored_db:-$(random_secret)}
    if [[ "$JWT_SECRET" != "$stored_jwt" || "$DB_PASSWORD" != "$stored_db" ]]; then
        (umask 077 && printf 'JWT_SECRET=%s\nDB_PASSWORD=%s\n' "$JWT_SECRET" "$DB_PASSWORD" >"$SECRETS")
    fi
}

# ---- service jars and the client commands---------------------------------------------------------------------------

# CLUSTER_TRACKER_JAR / CLUSTER_BROADCASTER_JAR run another build (e.g. one made outside the working tree).
service_jar() {
    case "$1" in
        tracker-service) echo "${CLUSTER_TRACKER_JAR:-$ROOT/$1/target/$1.jar}" ;;
        broadcaster-service) echo "${CLUSTER_BROADCASTER_JAR:-$ROOT/$1/target/$1.jar}" ;;
    esac
}

# Builds the service jars when missing (or with --build).
ensure_jars() {
    local rebuild=$1
    if [[ "$rebuild" == 1 || ! -f $(service_jar tracker-service) || ! -f $(service_jar broadcaster-service) ]]; then
        say "building tracker-service and broadcaster-service"
        (cd "$ROOT" && ./mvnw -q -B -DskipTests package -pl tracker-service,broadcaster-service -am) \
            || die "build failed"
    fi
}

# A copy of the service jar named by its content: a rebuild in the working tree never replaces a jar under a
# running member, and members started later pick the new build up.
staged_jar() {
    local source sum target
    source=$(service_jar "$1")
    [[ -f "$source" ]] || die "$source is missing (scripts/cluster.sh start --build)"
    sum=$(sha1sum "$source" | cut -c1-12)
    target="$RUN/lib/$1-$sum.jar"
    [[ -f "$target" ]] || { mkdir -p "$RUN/lib" && cp "$source" "$target.tmp" && mv "$target.tmp" "$target"; }
    echo "$target"
}

cluster_tool() {
    ACTIVITY_JWT_SECRET="$JWT_SECRET" tools_java school.activity.benchmarks.cluster.ClusterTool "$@"
}

# ---- postgres: Debian's PostgreSQL server, its own data directory and port, run as the postgres user ------------

PG_DIR="$RUN/postgres"
PG_DATA="$PG_DIR/data"
PG_SOCKET="$PG_DIR/socket"

pg_bin() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
    if [[ -z "$dir" || ! -x "$dir/initdb" ]]; then
        install_package postgresql
        dir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
    fi
    echo "$dir"
}

# PostgreSQL refuses to run as root: as root the server runs as the `postgres` user, otherwise as the caller.
pg_os_user() { if [[ $EUID -eq 0 ]]; then echo postgres; else id -un; fi; }
as_pg() { if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# psql as the application user over TCP.
app_psql() {
    PGPASSWORD="$DB_PASSWORD" "$(pg_bin)/psql" -X -q -v ON_ERROR_STOP=1 -h "$LOOPBACK" -p "$CLUSTER_PG_PORT" \
        -U "$DB_USER" -d "$DB_NAME" "$@"
}

init_postgres() {
    local bin=$1 user
    user=$(pg_os_user)
    say "creating the PostgreSQL cluster in $PG_DATA"
    mkdir -p "$PG_DATA" "$PG_SOCKET"
    chown -R "$user" "$PG_DIR"
    chmod 700 "$PG_DATA" "$PG_SOCKET"
    as_pg "$bin/initdb" -D "$PG_DATA" -U "$user" -E UTF8 --locale=C.UTF-8 \
        --auth-local=peer --auth-host=scram-sha-256 >>"$LOGS/postgres.log" 2>&1 || die "initdb failed; see $LOGS/postgres.log"
    cat >>"$PG_DATA/postgresql.conf" <<EOF

# scripts/cluster.sh: loopback only, its own port and socket directory.
listen_addresses = '$LOOPBACK'
port = $CLUSTER_PG_PORT
unix_socket_directories = '$PG_SOCKET'
max_connections = $CLUSTER_PG_MAX_CONNECTIONS
shared_buffers = 256MB
log_line_prefix = '%m [%p] '
EOF
    touch "$PG_DIR/.needs-database"
}

create_database() {
    local bin=$1
    # The password goes in on stdin, never as an argument (process lists show arguments).
    as_pg "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCKET" -p "$CLUSTER_PG_PORT" -d postgres \
        >>"$LOGS/postgres.log" 2>&1 <<EOF || die "could not create the database; see the log"
\\set password '$DB_PASSWORD'
CREATE ROLE "$DB_USER" LOGIN PASSWORD :'password';
CREATE DATABASE "$DB_NAME" OWNER "$DB_USER";
EOF
    rm -f "$PG_DIR/.needs-database"
}

start_postgres() {
    local bin
    bin=$(pg_bin)
    [[ -f "$PG_DATA/PG_VERSION" ]] || init_postgres "$bin"
    touch "$LOGS/postgres.log" && chown "$(pg_os_user)" "$LOGS/postgres.log"
    printf '\n===== %s start postgres =====\n' "$(date -u +%FT%TZ)" >>"$LOGS/postgres.log"
    as_pg "$bin/pg_ctl" -D "$PG_DATA" -l "$LOGS/postgres.log" -w -t "$CLUSTER_START_TIMEOUT" \
        -o "-p $CLUSTER_PG_PORT" start >/dev/null || die "PostgreSQL did not start; see $LOGS/postgres.log"
    head -1 "$PG_DATA/postmaster.pid" >"$(pid_file postgres)"
    [[ ! -f "$PG_DIR/.needs-database" ]] || create_database "$bin"
    wait_healthy postgres postgres_healthy
}

postgres_healthy() { "$(pg_bin)/pg_isready" -q -h "$LOOPBACK" -p "$CLUSTER_PG_PORT" -d "$DB_NAME"; }

stop_postgres() {
    is_running postgres || { rm -f "$(pid_file postgres)"; return 0; }
    as_pg "$(pg_bin)/pg_ctl" -D "$PG_DATA" -m fast -w -t "$CLUSTER_STOP_TIMEOUT" stop >/dev/null 2>&1 || true
    stop_process postgres
}

# ---- kafka: the broker from Maven Central jars, KRaft, one node that is broker and controller -----------------------

KAFKA_DIR="$RUN/kafka"
KAFKA_LIBS="$KAFKA_DIR/libs"

ensure_kafka_libs() {
    [[ -f "$KAFKA_LIBS/.complete" ]] && return 0
    say "fetching the Kafka broker jars (scripts/cluster/pom.xml)"
    rm -rf "$KAFKA_LIBS.tmp"
    (cd "$ROOT" && ./mvnw -q -B -f scripts/cluster/pom.xml dependency:copy-dependencies \
        -DincludeScope=runtime -DoutputDirectory="$KAFKA_LIBS.tmp") || die "could not fetch the Kafka jars"
    touch "$KAFKA_LIBS.tmp/.complete"
    rm -rf "$KAFKA_LIBS" && mv "$KAFKA_LIBS.tmp" "$KAFKA_LIBS"
}

write_kafka_properties() {
    cat >"$KAFKA_DIR/server.properties" <<EOF
# Rendered by scripts/cluster.sh on every start.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$LOOPBACK:$CLUSTER_KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$LOOPBACK:$CLUSTER_KAFKA_PORT,CONTROLLER://$LOOPBACK:$CLUSTER_KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$LOOPBACK:$CLUSTER_KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$KAFKA_DIR/data
num.partitions=$CLUSTER_KAFKA_PARTITIONS
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
EOF
}

kafka_java() { java -cp "$KAFKA_LIBS/*" "$@"; }

start_kafka() {
    ensure_kafka_libs
    mkdir -p "$KAFKA_DIR/data"
    write_kafka_properties
    if [[ ! -f "$KAFKA_DIR/data/meta.properties" ]]; then
        [[ -f "$KAFKA_DIR/cluster-id" ]] || kafka_java kafka.tools.StorageTool random-uuid 2>/dev/null >"$KAFKA_DIR/cluster-id"
        kafka_java kafka.tools.StorageTool format -t "$(<"$KAFKA_DIR/cluster-id")" -c "$KAFKA_DIR/server.properties" \
            >>"$LOGS/kafka.log" 2>&1 || die "kafka storage format failed; see $LOGS/kafka.log"
    fi
    # shellcheck disable=SC2086 # heap options are a list
    launch kafka java $CLUSTER_KAFKA_HEAP -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError -Dactivity.cluster.member=kafka \
        -Dorg.slf4j.simpleLogger.showDateTime=true "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS" \
        -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_DIR/server.properties"
    wait_healthy kafka kafka_healthy
}

# Up when the broker listens and, since its latest start, has logged that start-up completed.
kafka_healthy() {
    ss -Hltn "sport = :$CLUSTER_KAFKA_PORT" | grep -q . \
        && awk '/===== .* start kafka =====/ { up = 0 } /Kafka Server started/ { up = 1 } END { exit !up }' "$LOGS/kafka.log"
}

# ---- tracker and broadcasters: the Spring Boot jars, loopback only ------------------------------------------------

database_env() {
    echo "ACTIVITY_DB_URL=jdbc:postgresql://$LOOPBACK:$CLUSTER_PG_PORT/$DB_NAME"
    echo "ACTIVITY_DB_USER=$DB_USER"
    echo "ACTIVITY_DB_PASSWORD=$DB_PASSWORD"
    echo "ACTIVITY_JWT_SECRET=$JWT_SECRET"
}

# Launches a service jar; any ACTIVITY_* or SPRING_* variable of the caller passes through, the cluster's own
# addresses and secrets (and the NAME=value pairs after the Java options) take precedence. They are exported in a
# subshell rather than passed as arguments, so no secret shows in a process list.
launch_service() {
    local member=$1 service=$2 port=$3 java_opts=$4 jar setting
    shift 4
    jar=$(staged_jar "$service")
    (
        while read -r setting; do export "${setting?}"; done < <(database_env)
        for setting in "$@"; do export "${setting?}"; done
        export SERVER_ADDRESS="$LOOPBACK" SERVER_PORT="$port" \
            MANAGEMENT_SERVER_PORT=$((port + CLUSTER_MANAGEMENT_PORT_OFFSET))
        # shellcheck disable=SC2086 # java options are a list
        launch "$member" java $java_opts -XX:+ExitOnOutOfMemoryError -Dactivity.cluster.member="$member" -jar "$jar"
    )
}

service_healthy() { http_ok "http://$LOOPBACK:$(management_port "$1")/actuator/health/readiness"; }

start_tracker() {
    launch_service tracker tracker-service "$CLUSTER_TRACKER_PORT" "$CLUSTER_TRACKER_JAVA_OPTS" \
        ACTIVITY_KAFKA_BOOTSTRAP="$LOOPBACK:$CLUSTER_KAFKA_PORT"
}

# A stable instance name per member: /activity/status and the instance table read the same across restarts.
start_broadcaster() {
    launch_service "$1" broadcaster-service "$(member_port "$1")" "$CLUSTER_BROADCASTER_JAVA_OPTS" \
        ACTIVITY_INSTANCE_ID="$1@$LOOPBACK:$(member_port "$1")"
}

# ---- nginx: Debian's nginx with the shared proxy settings of deploy/nginx/ ----------------------------------------

NGINX_DIR="$RUN/nginx"

# The wanted number of open files, capped at the hard limit (raising that needs privileges a container may lack).
nofile_limit() {
    local hard
    hard=$(ulimit -Hn)
    if [[ "$hard" == unlimited || "$1" -le "$hard" ]]; then echo "$1"; else echo "$hard"; fi
}

render_nginx_conf() {
    local port upstream=""
    for port in "${BROADCASTER_PORTS[@]}"; do
        # max_fails=0: never mark an instance down (a full one answers 503 on one channel only); each request still
        # moves on to the next instance on an error or a 503.
        upstream+="        server $LOOPBACK:$port max_fails=0;"$'\n'
    done
    mkdir -p "$NGINX_DIR/tmp"
    cat >"$NGINX_DIR/nginx.conf" <<EOF
# Rendered by scripts/cluster.sh on every start of nginx; the proxy settings are the shared ones in deploy/nginx/,
# the same as docker-compose uses. Only the process settings, the listen address and the upstream differ.
worker_processes auto;
worker_rlimit_nofile $(nofile_limit $((CLUSTER_NGINX_WORKER_CONNECTIONS * 2)));
pid $NGINX_DIR/nginx.pid;
error_log $LOGS/nginx.log warn;

events {
    worker_connections $CLUSTER_NGINX_WORKER_CONNECTIONS;
}

http {
    client_body_temp_path $NGINX_DIR/tmp/client-body;
    proxy_temp_path       $NGINX_DIR/tmp/proxy;
    fastcgi_temp_path     $NGINX_DIR/tmp/fastcgi;
    uwsgi_temp_path       $NGINX_DIR/tmp/uwsgi;
    scgi_temp_path        $NGINX_DIR/tmp/scgi;

    include $ROOT/deploy/nginx/activity-http.conf;
    access_log $LOGS/nginx-access.log activity_access;

    upstream activity_broadcasters {
$upstream    }

    server {
        listen $LOOPBACK:$CLUSTER_NGINX_PORT;
        set \$activity_broadcasters activity_broadcasters;
        include $ROOT/deploy/nginx/activity-server.conf;
    }
}
EOF
}

nginx_test() { nginx -q -t -e "$LOGS/nginx.log" -p "$NGINX_DIR/" -c "$NGINX_DIR/nginx.conf"; }

start_nginx() {
    need_package nginx nginx
    render_nginx_conf
    nginx_test || die "nginx rejected $NGINX_DIR/nginx.conf; see $LOGS/nginx.log"
    launch nginx nginx -e "$LOGS/nginx.log" -p "$NGINX_DIR/" -c "$NGINX_DIR/nginx.conf" -g 'daemon off;'
    wait_healthy nginx nginx_healthy
}

nginx_healthy() { http_ok "http://$LOOPBACK:$CLUSTER_NGINX_PORT/nginx-health"; }

# ---- dispatch by member name -----------------------------------------------------------------------------------------

member_kind() { case "$1" in broadcaster-*) echo broadcaster ;; *) echo "$1" ;; esac; }

# Starts the member's process; services are health-waited by the caller (so broadcasters start side by side).
start_member() {
    case "$(member_kind "$1")" in
        postgres) start_postgres ;;
        kafka) start_kafka ;;
        tracker) start_tracker ;;
        broadcaster) start_broadcaster "$1" ;;
        nginx) start_nginx ;;
    esac
}

member_healthy() {
    case "$(member_kind "$1")" in
        postgres) postgres_healthy ;;
        kafka) kafka_healthy ;;
        tracker | broadcaster) service_healthy "$1" ;;
        nginx) nginx_healthy ;;
    esac
}

stop_member() {
    case "$(member_kind "$1")" in
        postgres) stop_postgres ;;
        *) stop_process "$1" ;;
    esac
}
