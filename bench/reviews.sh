#!/usr/bin/env bash
# Code-review benchmark on a github-metadata-backup folder (e.g. bitcoin-data/github-metadata-backup-bitcoin-bips):
# import time and peak RSS (medians of ROUNDS fresh imports, whole process, JVM start included) beside
# reading the same files with cat and counting them with bench/reviews-oracle.py in the same run; the
# figures compared with the oracle's; then every review metric timed in process (ReviewsBench).
# Usage: bench/reviews.sh BACKUP [ROUNDS] [OWNER/REPO] [GIT_REPO]   (GIT_REPO: collected too, for the commit links)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
backup="$1"; rounds="${2:-3}"; repo="${3:-bitcoin/bips}"; git_repo="${4:-}"
"$here/tributary" --version >/dev/null
[ -d "$here/app/target/test-classes/dev/tributary/bench" ] || (cd "$here" && ./mvnw -q -B -DskipTests package >&2)
jar="$here/app/target/tributary.jar"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
secs() { awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }'; }
for i in $(seq "$rounds"); do
  /usr/bin/time -f '%e' -o "$tmp/cat.$i" sh -c "cat '$backup'/pulls/*.json > /dev/null"
  /usr/bin/time -f '%e' -o "$tmp/oracle.$i" python3 "$here/bench/reviews-oracle.py" "$backup" > "$tmp/oracle.json"
  rm -f "$tmp/r.duckdb" "$tmp/r.duckdb.wal"
  /usr/bin/time -v -o "$tmp/import.$i" java -jar "$jar" collect github "$repo" --backup "$backup" --db "$tmp/r.duckdb" -q > /dev/null
done
cat_s=$(cat "$tmp"/cat.* | median); oracle_s=$(cat "$tmp"/oracle.* | median)
import_s=$(grep -h 'Elapsed (wall' "$tmp"/import.* | sed 's/.*: //' | secs | median)
rss_mb=$(grep -h 'Maximum resident' "$tmp"/import.* | awk '{print $NF/1024}' | median)
printf 'cat of the JSON files   %6.2f s\n' "$cat_s"
printf 'python oracle count     %6.2f s\n' "$oracle_s"
printf 'import (whole process)  %6.2f s  (%.2fx the oracle), peak RSS %.0f MB (median of %d; rounds: %s s)\n' "$import_s" \
  "$(echo "$import_s $oracle_s" | awk '{print $1/$2}')" "$rss_mb" "$rounds" "$(grep -h 'Elapsed (wall' "$tmp"/import.* | sed 's/.*: //' | tr '\n' ' ')"
if [ -n "$git_repo" ]; then java -jar "$jar" analyze -q --all --db "$tmp/r.duckdb" "$git_repo" > /dev/null; fi
java -jar "$jar" reviews --db "$tmp/r.duckdb" --format json > "$tmp/mine.json"
java -jar "$jar" reviews --db "$tmp/r.duckdb" --reviewers --top 0 --format json > "$tmp/reviewers.json"
python3 - "$tmp/oracle.json" "$tmp/mine.json" "$tmp/reviewers.json" <<'PY'
import json, sys
o = json.load(open(sys.argv[1])); m = {p["metric"]: p["value"] for p in json.load(open(sys.argv[2]))}
states = {}
for r in json.load(open(sys.argv[3])):
    for k, v in r["byState"].items():
        states[k] = states.get(k, 0) + v
pairs = [("merged", o["merged"], m["change-requests-accepted"]), ("closed unmerged", o["closed_unmerged"], m["change-requests-declined"]),
         ("open", o["open"], m["change-requests-open"]), ("unresponded", o["unresponded"], m["unresponded"]),
         ("reviews by state (humans)", o["human_reviews_by_state"], dict(sorted(states.items()))),
         ("median first response h", round(o["first_response_median_hours"], 6), round(m["first-response-median-hours"], 6)),
         ("p90 first response h", round(o["first_response_p90_hours"], 6), round(m["first-response-p90-hours"], 6)),
         ("median first review h", round(o["first_review_median_hours"], 6), round(m["first-review-median-hours"], 6)),
         ("median to merge h", round(o["merge_median_hours"], 6), round(m["duration-median-hours"], 6)),
         ("p90 to merge h", round(o["merge_p90_hours"], 6), round(m["duration-p90-hours"], 6))]
bad = 0
for name, a, b in pairs:
    ok = a == b
    bad += not ok
    print(f"{'equal' if ok else 'DIFFERENT':9} {name:28} oracle {a}  tributary {b}")
sys.exit(1 if bad else 0)
PY
if [ -n "$git_repo" ]; then java -jar "$jar" reviews --db "$tmp/r.duckdb" --links; fi
java -Xmx1g --enable-native-access=ALL-UNNAMED -cp "$jar:$here/app/target/test-classes" dev.tributary.bench.ReviewsBench "$tmp/r.duckdb" "$rounds"
