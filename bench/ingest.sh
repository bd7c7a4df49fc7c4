#!/usr/bin/env bash
# Ingest benchmark: on one repository, in the same run, times
#   (1) the reference: git log --no-merges --numstat --no-renames (single-threaded git CLI), run in the repository as
#       a user runs it (git -C REPO: a bare repository then reads no work-tree attributes, as tributary's git does not),
#   (2) a cold collect into an empty store (./tributary analyze),
#   (3) a rerun with nothing new,
# several rounds each, and prints medians, the ratio of the medians and the median of the rounds' ratios, and peak RSS.
# Usage: bench/ingest.sh REPO [ROUNDS]     (default 3 rounds)
set -euo pipefail
repo="${1:?usage: bench/ingest.sh REPO [ROUNDS]}"
rounds="${2:-3}"
. "$(dirname "$0")/lib.sh"

: > "$tmp/ref"; : > "$tmp/cold"; : > "$tmp/rerun"; : > "$tmp/rss"; : > "$tmp/ratio"
for i in $(seq "$rounds"); do
  time_of git -C "$repo" log --no-merges --numstat --no-renames --format=%H | awk '{print $1}' >> "$tmp/ref"
  rm -f "$tmp/b.duckdb" "$tmp/b.duckdb.wal"
  read -r s kb < <(time_of "$here/tributary" analyze --quiet --format json --db "$tmp/b.duckdb" "$repo")
  echo "$s" >> "$tmp/cold"; echo "$kb" >> "$tmp/rss"
  time_of "$here/tributary" analyze --quiet --format json --db "$tmp/b.duckdb" "$repo" | awk '{print $1}' >> "$tmp/rerun"
  awk -v a="$s" -v b="$(tail -n1 "$tmp/ref")" 'BEGIN{print a/b}' >> "$tmp/ratio"
  echo "round $i: git $(tail -n1 "$tmp/ref")s, cold $s s (peak ${kb} KB), rerun $(tail -n1 "$tmp/rerun")s" >&2
done
ref=$(median < "$tmp/ref"); cold=$(median < "$tmp/cold"); rerun=$(median < "$tmp/rerun"); rss=$(median < "$tmp/rss"); ratio=$(median < "$tmp/ratio")
commits=$(git -C "$repo" rev-list --count HEAD)
printf 'repository      %s (%s commits reachable from HEAD)\n' "$repo" "$commits"
printf 'rounds          %s (medians)\n' "$rounds"
printf 'git log numstat %8.2f s\n' "$ref"
printf 'cold collect    %8.2f s   ratio %.2f x git   peak RSS %d MB\n' "$cold" "$(awk -v a="$cold" -v b="$ref" 'BEGIN{print a/b}')" "$((rss / 1024))"
printf 'paired ratio    %8.2f x   (median of the rounds'"'"' cold/git: each round'"'"'s pair shares the machine'"'"'s state)\n' "$ratio"
printf 'rerun, nothing new %5.2f s\n' "$rerun"
