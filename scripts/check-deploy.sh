#!/usr/bin/env bash
# Checks the deployment files as far as a machine without a Docker engine can (CI calls it):
#   1. docker-compose.yml renders (`docker-compose config`), has the five services, pins every image it pulls, and
#      refuses to render without its secrets.
#   2. nginx accepts the compose nginx config as it is and the local cluster's rendered config (`nginx -t`).
#   3. No access log of either nginx config can hold a query string (tokens travel as ?access_token=): every
#      log_format is free of $request, $request_uri, $args, $query_string and $arg_*, and every access_log names one
#      of them (nginx's default `combined` logs $request).
#   4. deploy/kubernetes: the base and every overlay render (`kubectl kustomize`, offline) and every object validates
#      against the Kubernetes API's schemas (deploy-check's ManifestCheck: unknown fields, required fields, types,
#      served API versions), and the overlays keep what the base promises (probes on the management port, no Secret).
#   5. deploy/prometheus/alerts.yml: `promtool check rules` (Debian's prometheus package) and the expected groups,
#      labels and annotations (deploy-check's AlertRules); the Grafana dashboard is JSON with PromQL targets.
# Installs Debian's docker-compose, nginx and prometheus (for promtool) when missing (root); kubectl comes with the
# machine (Google Cloud CLI's package). Exits non-zero on the first failure. The metric names that the dashboard and
# the alerts use are checked against both running services by MetricNamesIT (demo module, `./mvnw verify`).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
CLUSTER_RUN_DIR="$WORK/cluster"
# shellcheck source=cluster/lib.sh
source "$ROOT/scripts/cluster/lib.sh"
# shellcheck source=cluster/members.sh
source "$ROOT/scripts/cluster/members.sh"

fail() { echo "check-deploy: FAIL: $*" >&2; exit 1; }
pass() { echo "check-deploy: ok: $*"; }

need_package docker-compose docker-compose
need_package nginx nginx
# promtool only; without the recommended exporters and services.
command -v promtool >/dev/null 2>&1 || APT_NO_RECOMMENDS=1 install_package prometheus
command -v kubectl >/dev/null 2>&1 || fail "kubectl is missing (it renders the Kustomize overlays offline)"

# ---- docker-compose ---------------------------------------------------------------------------------------------
# An empty --env-file: a developer's own .env must not make the check pass or fail.
: >"$WORK/empty.env"
compose=(docker-compose --env-file "$WORK/empty.env" -f "$ROOT/docker-compose.yml")
secrets=(ACTIVITY_JWT_SECRET=check-deploy-secret-of-at-least-32-bytes ACTIVITY_DB_PASSWORD=check)

env "${secrets[@]}" "${compose[@]}" config -q || fail "docker-compose config rejected docker-compose.yml"
pass "docker-compose config"

services=$(env "${secrets[@]}" "${compose[@]}" config --services | sort | tr '\n' ' ')
[[ "$services" == "broadcaster kafka nginx postgres tracker " ]] || fail "services are '$services'"
pass "services: $services"

rendered=$(env "${secrets[@]}" "${compose[@]}" config)
pulled=$(sed -n 's/^ *image: *//p' <<<"$rendered" | grep -v '^activity/')
for image in $pulled; do
    tag=${image##*:}
    [[ "$image" == *:* && "$tag" != latest && "$tag" =~ [0-9] ]] || fail "image $image is not pinned to a version"
done
pass "images pinned: $(echo $pulled)"

grep -q 'replicas: 2' <<<"$rendered" || fail "the broadcaster is not scaled to two replicas"
pass "broadcaster replicas: 2"

# Health and metrics stay on the services' management ports, which nothing publishes: only nginx and the tracker.
published=$(sed -n 's/^ *- \([0-9.]*:\)\{0,1\}\([0-9]*\):[0-9]*\/tcp$/\2/p' <<<"$rendered" | sort -n | tr '\n' ' ')
[[ "$published" == "8000 8080 " ]] || fail "published ports are '$published' (expected 8000 8080 only)"
grep -Eq "MANAGEMENT_PORT: [\"']?9080" <<<"$rendered" && grep -Eq "MANAGEMENT_PORT: [\"']?9000" <<<"$rendered" \
    || fail "the services' images are not built with their management ports (9080, 9000)"
pass "published ports: $published(management ports 9080, 9000 unpublished)"

grep -q 'ACTIVITY_TRACKER_SPILL_ENABLED: "true"' <<<"$rendered" && grep -q 'tracker-spill' <<<"$rendered" \
    || fail "the tracker's spill is not on with a volume"
pass "tracker spill on, in volume tracker-spill"

for secret in ACTIVITY_JWT_SECRET ACTIVITY_DB_PASSWORD; do
    if env "${secrets[@]}" env -u "$secret" "${compose[@]}" config -q 2>/dev/null; then
        fail "docker-compose config renders without $secret"
    fi
done
pass "refuses to render without ACTIVITY_JWT_SECRET or ACTIVITY_DB_PASSWORD"

# ---- nginx ------------------------------------------------------------------------------------------------------
# query_string_logs <file with `nginx -T` output>: prints each log_format or access_log that could log a query string.
query_string_logs() {
    # One statement per line, comments removed (no directive here quotes a '#'), block openings before it dropped.
    sed 's/#.*$//' "$1" | tr '\n' ' ' | tr ';' '\n' \
        | sed -E 's/^.*(^|[{}[:space:]])(log_format|access_log)([[:space:]])/\2\3/' | awk '
        $1 == "log_format" && $0 ~ /[$]\{?(request|request_uri|args|query_string|arg_[A-Za-z0-9_]+)([^A-Za-z0-9_]|$)/ {
            print "log_format " $2 " logs the query string"
        }
        $1 == "access_log" && $2 != "off" && ($3 == "" || $3 == "combined" || $3 ~ /^(buffer|gzip|flush|if)=/) {
            print "access_log " $2 " uses the default format (combined: $request)"
        }'
}

# The check itself must catch what it is there for.
printf '%s\n' "log_format leaky '\$remote_addr \"\$request\"';" "log_format ok '\$request_method \$uri';" \
    "http {" "    access_log /var/log/a.log;" "access_log /var/log/b.log ok;" "log_format x '\${args}';" \
    "server { access_log /var/log/c.log combined; }" "}" >"$WORK/leaky.conf"
[[ $(query_string_logs "$WORK/leaky.conf" | wc -l) == 4 ]] || fail "the query-string log check misses known leaks"

nginx -q -t -e stderr -c "$ROOT/deploy/nginx/nginx.conf" || fail "nginx -t rejected deploy/nginx/nginx.conf"
pass "nginx -t deploy/nginx/nginx.conf (docker-compose)"

mkdir -p "$LOGS"
render_nginx_conf
nginx_test || { cat "$LOGS/nginx.log" >&2; fail "nginx -t rejected the local cluster's nginx.conf"; }
pass "nginx -t of the local cluster's rendered nginx.conf"

nginx -q -T -c "$ROOT/deploy/nginx/nginx.conf" >"$WORK/compose-nginx.txt" 2>/dev/null \
    || fail "nginx -T could not dump deploy/nginx/nginx.conf"
nginx -q -T -p "$NGINX_DIR/" -c "$NGINX_DIR/nginx.conf" >"$WORK/cluster-nginx.txt" 2>/dev/null \
    || fail "nginx -T could not dump the local cluster's nginx.conf"
for dump in compose-nginx cluster-nginx; do
    grep -q 'log_format activity_access' "$WORK/$dump.txt" || fail "$dump: no activity_access log format"
    leaks=$(query_string_logs "$WORK/$dump.txt")
    [[ -z "$leaks" ]] || fail "$dump: an access log can hold query strings (tokens): $leaks"
done
pass "no nginx access log holds a query string (compose and local cluster)"

# Tomcat's access log (off unless server.tomcat.accesslog.enabled): its pattern must not log the query string either.
# Only the services that run on Tomcat (the broadcaster runs on Reactor Netty, whose access log is off).
for service in tracker-service broadcaster-service; do
    grep -q '^  tomcat:' "$ROOT/$service/src/main/resources/application.yml" || continue
    pattern=$(sed -n "s/^ *pattern: *'\(.*\)'.*$/\1/p" "$ROOT/$service/src/main/resources/application.yml")
    [[ -n "$pattern" ]] || fail "$service: no server.tomcat.accesslog.pattern (Tomcat's default logs the request line)"
    [[ "$pattern" != *%r* && "$pattern" != *%q* && "$pattern" != *"%{"* ]] \
        || fail "$service: the Tomcat access log pattern '$pattern' can log the query string"
done
pass "Tomcat access log patterns have no query string"

# ---- Kubernetes ---------------------------------------------------------------------------------------------------
(cd "$ROOT" && ./mvnw -q -B -pl deploy-check -am compile dependency:build-classpath \
    -Dmdep.outputFile="$WORK/deploy-check.classpath" -Dmdep.includeScope=runtime >/dev/null) \
    || fail "could not build deploy-check"
DEPLOY_CHECK_CP="$ROOT/deploy-check/target/classes:$(cat "$WORK/deploy-check.classpath")"
deploy_check() { java -cp "$DEPLOY_CHECK_CP" "school.activity.deploycheck.$1" "${@:2}"; }

KUSTOMIZATIONS=(base overlays/dev overlays/district)
for kustomization in "${KUSTOMIZATIONS[@]}"; do
    rendered="$WORK/kubernetes-${kustomization//\//-}.yaml"
    kubectl kustomize "$ROOT/deploy/kubernetes/$kustomization" >"$rendered" \
        || fail "kubectl kustomize deploy/kubernetes/$kustomization"
    result=$(deploy_check ManifestCheck "$rendered") || fail "deploy/kubernetes/$kustomization does not validate"
    # What the base promises must survive every overlay: actuator on the management port, probes there, and no
    # Secret object (secrets are created by the operator, never kept in the repository).
    grep -q 'MANAGEMENT_SERVER_PORT: "9090"' "$rendered" || fail "$kustomization: MANAGEMENT_SERVER_PORT is not 9090"
    if grep -q '^kind: Secret$' "$rendered"; then fail "$kustomization renders a Secret"; fi
    [[ $(grep -c 'containerPort: 9090$' "$rendered") -ge 3 && $(grep -c 'prometheus.io/port: "9090"' "$rendered") -ge 3 ]] \
        || fail "$kustomization: the containers' management port or the scrape annotations are not 9090"
    probes=$(grep -c 'port: management$' "$rendered")
    [[ $probes -ge 10 ]] || fail "$kustomization: $probes references to the management port, expected 9 probes and the NetworkPolicy"
    pass "kubectl kustomize deploy/kubernetes/$kustomization: $result"
done
for file in "$ROOT"/deploy/kubernetes/*/*.yaml "$ROOT"/deploy/kubernetes/overlays/*/*.yaml; do
    grep -qiE '^\s*(password|secret|jwt-secret|db-password):\s*\S' "$file" && [[ $file != */kustomization.yaml ]] \
        && fail "$file seems to hold a secret value"
done
pass "no secret values in deploy/kubernetes"

# ---- Prometheus and Grafana ---------------------------------------------------------------------------------------
promtool check rules "$ROOT/deploy/prometheus/alerts.yml" >/dev/null || fail "promtool check rules deploy/prometheus/alerts.yml"
result=$(deploy_check AlertRules "$ROOT/deploy/prometheus/alerts.yml" activity-ingest activity-broadcast activity-instances) \
    || fail "deploy/prometheus/alerts.yml"
pass "promtool check rules, expected groups: $result"

result=$(deploy_check MetricReferences "$ROOT/deploy/grafana/activity-dashboard.json" "$ROOT/deploy/prometheus/alerts.yml") \
    || fail "deploy/grafana/activity-dashboard.json"
pass "deploy/grafana/activity-dashboard.json and alerts: $result"
