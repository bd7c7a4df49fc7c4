#!/usr/bin/env bash
# Identity benchmark: on generated data (100,000 identities, 10,000 enrollments, 1,000,000 commits) times
# importing curated gitdm files, a release report, and re-resolution after one enrollment edit, beside a
# reference measured in the same run (a plain group-by of the commits). Prints medians.
# Usage: bench/identities.sh [ROUNDS]     (default 5)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
"$here/tributary" --version >/dev/null   # builds the jar and the test classes (the benchmark lives there)
[ -d "$here/app/target/test-classes/dev/tributary/bench" ] || (cd "$here" && ./mvnw -q -B -DskipTests package >&2)
exec java -Xmx2g ${BENCH_JAVA_OPTS:-} --enable-native-access=ALL-UNNAMED -cp "$here/app/target/tributary.jar:$here/app/target/test-classes" \
  dev.tributary.bench.IdentityBench "${1:-5}"
