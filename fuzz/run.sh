#!/usr/bin/env bash
# Fuzzes every Jazzer target (docs/security.md) for a bounded time: one Maven run of the fuzz-corpus
# executions only (the other tests are skipped), each fuzz-test class in its own JVM (Jazzer fuzzes one test
# per JVM), each for its @FuzzTest maxDuration (10 s) after its committed inputs.
# A crash fails the run and is written into the target's Inputs/ folder under src/test/resources: commit it,
# and add a named regression test for it.
set -uo pipefail
cd "$(dirname "$0")/.."
log="$(mktemp)"
JAZZER_FUZZ=1 ./mvnw -B -ntp -pl core,app -am test -Dtributary.skipUnitTests=true >"$log" 2>&1
status=$?
# the fuzzers' progress lines are many; keep the summary (DONE lines, test results, any crash)
grep -E -v '^INFO: Instrumented|^#[0-9]+\s+(pulse|NEW|REDUCE|INITED)|^OpenJDK 64-Bit Server VM warning' "$log"
rm -f "$log"
exit "$status"
