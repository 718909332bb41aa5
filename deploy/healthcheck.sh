#!/usr/bin/env bash
# Container health probe that needs no curl or wget in the image: GET http://127.0.0.1:$MANAGEMENT_SERVER_PORT<path>
# (the actuator's own port) over bash's /dev/tcp; healthy (exit 0) on HTTP 200 only.
#   healthcheck [path]   (default /actuator/health/readiness)
set -euo pipefail
path="${1:-/actuator/health/readiness}"
port="${MANAGEMENT_SERVER_PORT:-9080}"
exec 3<>"/dev/tcp/127.0.0.1/${port}"
printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n' "${path}" "${port}" >&3
IFS= read -r -t 5 status_line <&3
[[ "${status_line}" == HTTP/1.?" 200 "* ]]
