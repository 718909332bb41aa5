# shellcheck shell=bash
# The project's tools (the `benchmarks` module: load generators, fault-scenario load and checks, the cluster's client
# commands) as the build compiles them. Sourced by scripts/cluster.sh, scripts/faults/lib.sh and scripts/bench/lib.sh;
# needs ROOT.
#
#   tools_classpath            prints the class path, compiling the module (and what it needs) when a source changed
#   tools_java <class> [args]  runs one tool's main class on it

TOOLS_STATE="$ROOT/benchmarks/target/tools-classpath"

tools_classpath() {
    local stamp="$TOOLS_STATE.stamp"
    if [[ ! -f "$stamp" ]] || [[ -n "$(find "$ROOT/pom.xml" "$ROOT"/{benchmarks,shared-model,test-infrastructure}/{pom.xml,src/main} \
            -newer "$stamp" -print -quit 2>/dev/null)" ]]; then
        echo "tools: compiling the benchmarks module" >&2
        mkdir -p "$(dirname "$TOOLS_STATE")"
        (cd "$ROOT" && ./mvnw -q -B -pl benchmarks -am compile dependency:build-classpath \
            -Dmdep.outputFile="$TOOLS_STATE" -Dmdep.includeScope=runtime >/dev/null) || {
            echo "tools: the build failed (./mvnw -B -pl benchmarks -am compile)" >&2
            return 1
        }
        touch "$stamp"
    fi
    echo "$ROOT/benchmarks/target/classes:$(cat "$TOOLS_STATE")"
}

tools_java() {
    local classpath
    classpath=$(tools_classpath) || return 1
    java -cp "$classpath" "$@"
}
