#!/usr/bin/env bash
# The live demo, from a fresh clone, with nothing installed but a JDK 17+:
#   ./run.sh                          build, then start PostgreSQL, Kafka, both services, the demo school and its traffic
#   ./run.sh --activity.demo.traffic=off     any activity.demo.* setting (see demo/README or DemoSettings); other
#   ./run.sh --activity.ws.phone=masked      activity.* settings go to both services (so do ACTIVITY_* variables)
#   ./run.sh token <userId> [role]    print a token for a user of the demo school (while the demo runs)
# Ctrl-C stops everything. PostgreSQL's data stays in ./data/postgres, so a restart keeps all activity.
set -euo pipefail
cd "$(dirname "$0")"

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
DEMO_JAR=demo/target/demo.jar

if [ "${1:-}" = "token" ]; then
    if [ ! -f "$DEMO_JAR" ]; then
        ./mvnw -q -B -DskipTests package >&2
    fi
    exec "$JAVA" -jar "$DEMO_JAR" "$@"
fi

DEMO_LAUNCHED_AT_MS="$(date +%s%3N)"
export DEMO_LAUNCHED_AT_MS
echo "Building (./mvnw -q -B -DskipTests package; the first build downloads its dependencies)..."
./mvnw -q -B -DskipTests package
exec "$JAVA" -jar "$DEMO_JAR" "$@"
