#!/usr/bin/env bash
# Times importing a per-issue GitHub archive (e.g. brson/rust-issue-archive's items/) and every issue metric on it,
# beside a reference measured in the same run (Python reading and counting the same JSON: bench/issues-oracle.py),
# and checks the figures against that independent count.
#   bench/issues.sh ITEMS_DIR [ROUNDS]
# Prints per round and medians: import wall and CPU seconds and peak RSS, the oracle's wall seconds, then each metric
# timed in one process (IssuesBench: medians of 5 beside a plain SQL pass), and whether the figures equal the oracle's.
set -euo pipefail
items=${1:?usage: bench/issues.sh ITEMS_DIR [ROUNDS]}
rounds=${2:-3}
here=$(cd "$(dirname "$0")/.." && pwd)
jar="$here/app/target/tributary.jar"
[ -f "$jar" ] && [ -d "$here/app/target/test-classes/dev/tributary/bench" ] || (cd "$here" && ./mvnw -B -ntp -q -DskipTests install >&2)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
: > "$work/import"; : > "$work/rss"; : > "$work/oracle"; : > "$work/cpu"
for r in $(seq 1 "$rounds"); do
  rm -f "$work"/s.duckdb*
  /usr/bin/time -f '%e %M %U %S' -o "$work/t" java -jar "$jar" collect issues -q --db "$work/s.duckdb" --tracker bench --kind github "$items" > /dev/null 2>&1
  read -r wall rss user sys < "$work/t"; echo "$wall" >> "$work/import"; echo "$rss" >> "$work/rss"
  cpu=$(awk -v u="$user" -v s="$sys" "BEGIN {print u + s}"); echo "$cpu" >> "$work/cpu"
  /usr/bin/time -f '%e' -o "$work/t" python3 "$here/bench/issues-oracle.py" github "$items" > "$work/oracle.json"
  cat "$work/t" >> "$work/oracle"
  echo "round $r: import ${wall}s wall, ${cpu}s CPU, peak RSS $((rss / 1024)) MB; oracle $(cat "$work/t")s; load $(cut -d' ' -f1 /proc/loadavg)" >&2
done
echo "import (median of $rounds): $(median < "$work/import") s wall, $(median < "$work/cpu") s CPU, peak RSS max $(( $(sort -n "$work/rss" | tail -1) / 1024 )) MB;" \
     "Python oracle reading the same JSON: $(median < "$work/oracle") s"
java -Xmx1g --enable-native-access=ALL-UNNAMED -cp "$jar:$here/app/target/test-classes" dev.tributary.bench.IssuesBench "$work/s.duckdb" 5
java -jar "$jar" issues --db "$work/s.duckdb" --format json issues-open issues-closed-now issue-comments issues-responded \
  issue-response-time-median issue-resolution-duration-median > "$work/ours.json"
python3 - "$work/ours.json" "$work/oracle.json" <<'PY'
import json, sys
ours = {p["metric"]: p["value"] for p in json.load(open(sys.argv[1]))}
o = json.load(open(sys.argv[2]))
pairs = [("issues-open", "open"), ("issues-closed-now", "closed"), ("issue-comments", "comments"), ("issues-responded", "responded"),
         ("issue-response-time-median", "responseHoursMedian"), ("issue-resolution-duration-median", "resolutionDaysMedian")]
bad = [(a, ours.get(a), o[b]) for a, b in pairs if abs(ours.get(a, -1) - o[b]) > 1e-9]
print("figures equal the oracle's" if not bad else "DIFFER: %s" % bad)
for a, b in pairs:
    print("  %-34s %s" % (a, ours.get(a)))
PY
