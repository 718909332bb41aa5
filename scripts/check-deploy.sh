#!/usr/bin/env bash
# Checks the deployment files as far as a machine without a Docker engine can (CI calls it):
#   1. docker-compose.yml renders (`docker-compose config`), has the five services, pins every image it pulls, and
#      refuses to render without its secrets.
#   2. nginx accepts the compose nginx config as it is and the local cluster's rendered config (`nginx -t`).
# Installs Debian's docker-compose and nginx when missing (root). Exits non-zero on the first failure.
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

for secret in ACTIVITY_JWT_SECRET ACTIVITY_DB_PASSWORD; do
    if env "${secrets[@]}" env -u "$secret" "${compose[@]}" config -q 2>/dev/null; then
        fail "docker-compose config renders without $secret"
    fi
done
pass "refuses to render without ACTIVITY_JWT_SECRET or ACTIVITY_DB_PASSWORD"

# ---- nginx ------------------------------------------------------------------------------------------------------
nginx -q -t -e stderr -c "$ROOT/deploy/nginx/nginx.conf" || fail "nginx -t rejected deploy/nginx/nginx.conf"
pass "nginx -t deploy/nginx/nginx.conf (docker-compose)"

mkdir -p "$LOGS"
render_nginx_conf
nginx_test || { cat "$LOGS/nginx.log" >&2; fail "nginx -t rejected the local cluster's nginx.conf"; }
pass "nginx -t of the local cluster's rendered nginx.conf"
