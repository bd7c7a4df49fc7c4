#!/usr/bin/env bash
# Fuzzes every Jazzer target (docs/security.md) for a bounded time: one Maven run, each fuzz-test class in its
# own JVM (Jazzer fuzzes one test per JVM), each for at most its @FuzzTest maxDuration (10 s).
# A crash fails the run and is written into the target's committed Inputs/ folder under src/test/resources:
# commit it, and add a named regression test for it.
# Usage: fuzz/run.sh            (after ./mvnw install or verify, so the modules are built)
set -euo pipefail
cd "$(dirname "$0")/.."
JAZZER_FUZZ=1 ./mvnw -B -ntp -q -pl core,app -am test -Dtest='*FuzzTest' -Dsurefire.failIfNoSpecifiedTests=false \
  -DreuseForks=false -DforkCount=1 2>&1 | grep -v '^INFO: Instrumented' | grep -E -v '^#[0-9]+\s+(pulse|NEW|REDUCE)' || true
status=${PIPESTATUS[0]}
exit "$status"
