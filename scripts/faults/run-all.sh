#!/usr/bin/env bash
# Every fault scenario of docs/reliability.md, one after the other: the cluster scenarios (scripts/faults/*.sh, on
# the process cluster of scripts/cluster.sh, started if needed) and the ones that live in the Maven suite (run
# offline, module by module). Prints each scenario's RESULT line; exit status 1 if any failed.
# Usage: scripts/faults/run-all.sh [--cluster-only | --maven-only]    (about 20 minutes in all)
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 2
mode=${1:-all}
failed=0
run() { # run <label> <command...>
    echo "=== $1" >&2
    shift
    if ! "$@"; then failed=1; fi
}

if [[ "$mode" != --cluster-only ]]; then
    # 5, 8 (hostile input and the fuzz tests), 10: in the build's test suite, so CI runs them too.
    run "5 + 8 (tracker)" ./mvnw -o -q -B -pl tracker-service test -Dtest='DeadLetterFloodTest,HostileAuthorizationTest' \
        -Dsurefire.failIfNoSpecifiedTests=false
    run "8 (broadcaster)" ./mvnw -o -q -B -pl broadcaster-service test -Dtest='HostileTokenTest,HandshakeAuthTest' \
        -Dsurefire.failIfNoSpecifiedTests=false
    run "8 (fuzz) + 10" ./mvnw -o -q -B -pl shared-model test -Dtest='MigrationSafetyTest' \
        -Dsurefire.failIfNoSpecifiedTests=false
    grep -h "fault scenario 10" shared-model/target/surefire-reports/*MigrationSafetyTest-output.txt 2>/dev/null | tail -1
fi
if [[ "$mode" != --maven-only ]]; then
    for scenario in kafka-kill postgres-stop broadcaster-kill tracker-stop handshake-storm stalled-clients restart-all; do
        run "$scenario" "scripts/faults/$scenario.sh"
    done
fi
exit $failed
