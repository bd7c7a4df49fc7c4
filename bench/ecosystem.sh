#!/usr/bin/env bash
# Ecosystem benchmark: many repositories listed in LIST (paths or URLs, one a line), in the same run:
#   (1) the reference: git log --no-merges --numstat --no-renames over every repository, one after another;
#   (2) a cold collect on 1 core (taskset -c 0, --jobs 1) and on 2 cores (--jobs 2), into an empty store;
#   (3) a rerun with nothing new (2 cores);
#   (4) with SPARK=1: distributed collect in Spark local mode with 1 and 2 threads (spark/tributary-spark).
# Medians of ROUNDS, ratios against the reference, peak RSS.  Usage: bench/ecosystem.sh LIST [ROUNDS]
set -euo pipefail
list="${1:?usage: bench/ecosystem.sh LIST [ROUNDS]}"
rounds="${2:-3}"
here="$(cd "$(dirname "$0")/.." && pwd)"
"$here/tributary" --version >/dev/null
[ "${SPARK:-0}" = 1 ] && "$here/spark/tributary-spark" --help >/dev/null
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
time_of() { # "seconds peak_kb cpu_seconds" of a command; stdout discarded
  /usr/bin/time -f "%e %M %U %S" -o "$tmp/t" "$@" >/dev/null 2>"$tmp/err" || { tail -3 "$tmp/err" >&2; }
  tail -n 1 "$tmp/t" | awk '{print $1, $2, $3 + $4}'
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
reference() { grep -v '^#' "$list" | sed 's|^file://||' | while read -r r; do
  git --git-dir="$r" log --no-merges --numstat --no-renames --format=%H; done; }
export -f reference; export list
names=(ref cold1 cold2 rerun spark1 spark2)
for n in "${names[@]}"; do : > "$tmp/$n"; : > "$tmp/$n.rss"; done
record() { read -r s kb cpu; echo "$s" >> "$tmp/$1"; echo "$kb" >> "$tmp/$1.rss"; echo "  $1 ${s}s peak ${kb}KB cpu ${cpu}s" >&2; }
for i in $(seq "$rounds"); do
  echo "round $i" >&2
  time_of bash -c reference | record ref
  rm -rf "$tmp/cache" "$tmp/b.duckdb"*
  export TRIBUTARY_CACHE="$tmp/cache"
  time_of taskset -c 0 "$here/tributary" analyze --quiet --format json --db "$tmp/b.duckdb" --jobs 1 --repositories "$list" | record cold1
  rm -rf "$tmp/b.duckdb"*
  time_of "$here/tributary" analyze --quiet --format json --db "$tmp/b.duckdb" --jobs 2 --repositories "$list" | record cold2
  time_of "$here/tributary" analyze --quiet --format json --db "$tmp/b.duckdb" --jobs 2 --repositories "$list" | record rerun
  if [ "${SPARK:-0}" = 1 ]; then
    rm -rf "$tmp/out1" "$tmp/out2"
    time_of taskset -c 0 "$here/spark/tributary-spark" collect --master 'local[1]' --partitions 1 --cache "$tmp/cache" --output "$tmp/out1" --repositories "$list" | record spark1
    time_of "$here/spark/tributary-spark" collect --master 'local[2]' --partitions 8 --cache "$tmp/cache" --output "$tmp/out2" --repositories "$list" | record spark2
  fi
done
ref=$(median < "$tmp/ref")
printf 'repositories    %s (%s listed)\n' "$list" "$(grep -cv '^#' "$list")"
printf 'rounds          %s (medians)\n' "$rounds"
printf 'git log numstat, one repository after another  %8.2f s\n' "$ref"
for n in cold1 cold2 rerun spark1 spark2; do
  [ -s "$tmp/$n" ] || continue
  m=$(median < "$tmp/$n"); kb=$(sort -n "$tmp/$n.rss" | tail -1)
  printf '%-8s %8.2f s  %.2f x git  peak RSS %d MB\n' "$n" "$m" "$(awk -v a="$m" -v b="$ref" 'BEGIN{print a/b}')" "$((kb / 1024))"
done
