#!/usr/bin/env bash
# public-inbox benchmark: over an inbox (a v2 directory with git/N.git, or one epoch repository), several rounds
# each, times in the same run
#   (1) the references: JVM start (tributary --version), and git cat-file --batch of every commit's 'm' (the raw
#       object reads any reader of the inbox pays),
#   (2) a cold collect into an empty store (collect mail: messages, threads, patches, series, reviews, links):
#       wall seconds, CPU seconds (user + sys) and peak RSS,
#   (3) a re-collect with nothing new,
# and prints medians. The store goes to a temporary folder, deleted at the end.
# Usage: bench/inbox.sh INBOX [ROUNDS]     (default 3 rounds)
set -euo pipefail
inbox="$1"
rounds="${2:-3}"
here="$(cd "$(dirname "$0")/.." && pwd)"
"$here/tributary" --version >/dev/null   # builds the jar
tmp="$(mktemp -d "${TMPDIR:-/tmp}/tributary-inbox-bench.XXXXXX")"; trap 'rm -rf "$tmp"' EXIT
epochs=()
if [ -d "$inbox/git" ]; then
  for e in "$inbox"/git/*.git; do epochs+=("$e"); done
else
  epochs=("$inbox")
fi
commits=0
for e in "${epochs[@]}"; do commits=$((commits + $(git --git-dir "$e" rev-list --count HEAD))); done

time_of() { # prints "wall_s cpu_s peak_kb" of a command; stdout discarded
  /usr/bin/time -f "%e %U %S %M" -o "$tmp/t" "$@" >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; }
  tail -n 1 "$tmp/t" | awk '{print $1, $2 + $3, $4}'
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
export epochs_list="${epochs[*]}"

: > "$tmp/jvm"; : > "$tmp/cat"; : > "$tmp/cold"; : > "$tmp/cpu"; : > "$tmp/rss"; : > "$tmp/rerun"
for i in $(seq "$rounds"); do
  time_of "$here/tributary" --version | awk '{print $1}' >> "$tmp/jvm"
  time_of bash -c 'for e in $epochs_list; do git --git-dir "$e" rev-list HEAD | sed "s/\$/:m/" | git --git-dir "$e" cat-file --batch > /dev/null; done' \
    | awk '{print $1}' >> "$tmp/cat"
  rm -f "$tmp/b.duckdb" "$tmp/b.duckdb.wal"
  read -r s cpu kb < <(time_of "$here/tributary" collect mail --quiet --db "$tmp/b.duckdb" --list bench "$inbox")
  echo "$s" >> "$tmp/cold"; echo "$cpu" >> "$tmp/cpu"; echo "$kb" >> "$tmp/rss"
  time_of "$here/tributary" collect mail --quiet --db "$tmp/b.duckdb" --list bench "$inbox" | awk '{print $1}' >> "$tmp/rerun"
  echo "round $i: jvm $(tail -n1 "$tmp/jvm")s, cat-file $(tail -n1 "$tmp/cat")s, cold collect ${s}s (CPU ${cpu}s, peak ${kb} KB)," \
    "re-collect $(tail -n1 "$tmp/rerun")s, load $(cut -d' ' -f1 /proc/loadavg)" >&2
done
printf 'inbox             %s epoch(s), %d commits\n' "${#epochs[@]}" "$commits"
printf 'rounds            %s (medians)\n' "$rounds"
printf 'JVM start         %8.2f s\n' "$(median < "$tmp/jvm")"
printf 'git cat-file m    %8.2f s\n' "$(median < "$tmp/cat")"
printf 'cold collect      %8.2f s   CPU %.2f s   peak RSS %d MB\n' "$(median < "$tmp/cold")" "$(median < "$tmp/cpu")" \
  "$(( $(median < "$tmp/rss") / 1024 ))"
printf 're-collect        %8.2f s\n' "$(median < "$tmp/rerun")"
