#!/usr/bin/env bash
# HTML report benchmark: collects REPO once into a fresh store (timed apart), then times, several rounds,
# the whole command `tributary report --no-collect --format html --output FILE REPO` (JVM start included),
# beside the same command with --format json (the release table alone) as a reference in the same run.
# Prints medians, the page's size, and the commit count.
# Usage: bench/report.sh REPO [ROUNDS]     (default 5)
set -euo pipefail
repo="${1:?usage: bench/report.sh REPO [ROUNDS]}"
rounds="${2:-5}"
. "$(dirname "$0")/lib.sh"
secs() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null; t1=$(date +%s.%N); echo "$t1 - $t0" | bc -l | xargs printf '%.2f\n'; }

echo "collect: $(secs "$here/tributary" analyze --quiet --db "$tmp/b.duckdb" "$repo") s" >&2
: > "$tmp/html"; : > "$tmp/json"
for i in $(seq "$rounds"); do
  secs "$here/tributary" report --quiet --no-collect --db "$tmp/b.duckdb" --format html --output "$tmp/r.html" "$repo" >> "$tmp/html"
  secs "$here/tributary" report --quiet --no-collect --db "$tmp/b.duckdb" --format json --output "$tmp/r.json" "$repo" >> "$tmp/json"
  echo "round $i: html $(tail -n1 "$tmp/html") s, json $(tail -n1 "$tmp/json") s" >&2
done
commits=$(grep -o 'id="fig-commits"><dt>[^<]*</dt><dd>[^<]*' "$tmp/r.html" | sed 's/.*<dd>//')
printf 'report --format html on %s (%s non-merge commits, page %s KB): median %s s over %d rounds; --format json in the same run: median %s s\n' \
  "$(basename "$repo")" "$commits" "$(( $(stat -c %s "$tmp/r.html") / 1024 ))" "$(median < "$tmp/html")" "$rounds" "$(median < "$tmp/json")"
