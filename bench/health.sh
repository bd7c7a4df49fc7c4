#!/usr/bin/env bash
# Health-metrics benchmark: issue 4 targets on a generated 1M-commit store (see HealthBench).
# Usage: bench/health.sh [ROUNDS] [STORE]   (a STORE that exists is reused)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
"$here/tributary" --version >/dev/null   # builds the jar and the test classes (the benchmark lives there)
[ -d "$here/app/target/test-classes/dev/tributary/bench" ] || (cd "$here" && ./mvnw -q -B -DskipTests package >&2)
exec java -Xmx2g ${BENCH_JAVA_OPTS:-} --enable-native-access=ALL-UNNAMED -cp "$here/app/target/tributary.jar:$here/app/target/test-classes" \
  dev.tributary.bench.HealthBench "${1:-5}" ${2:+"$2"}
