#!/usr/bin/env bash
# Mail benchmark: generates a synthetic mbox of MB megabytes in a temporary folder (deleted at the end; never
# commit it), then, several rounds each, times in the same run
#   (1) the references: cat FILE > /dev/null, and grep -c '^From ' FILE,
#   (2) parsing every message on one thread (MailArchives.read, nothing stored): MB/s,
#   (3) a full cold collect into an empty store (./tributary collect mail): seconds and peak RSS,
#   (4) a re-collect with nothing new,
# and prints medians.
# Usage: bench/mail.sh [MB] [ROUNDS]     (default 1024 MB, 3 rounds)
set -euo pipefail
mb="${1:-1024}"
rounds="${2:-3}"
here="$(cd "$(dirname "$0")/.." && pwd)"
"$here/tributary" --version >/dev/null   # builds the jar
[ -d "$here/app/target/test-classes/dev/tributary/bench" ] || (cd "$here" && ./mvnw -q -B -DskipTests package >&2)
tmp="$(mktemp -d "${TMPDIR:-/tmp}/tributary-mail-bench.XXXXXX")"; trap 'rm -rf "$tmp"' EXIT
cp=(-cp "$here/app/target/tributary.jar:$here/app/target/test-classes")
java "${cp[@]}" dev.tributary.bench.MailBench generate "$tmp/big.mbox" "$mb"
size=$(stat -c %s "$tmp/big.mbox")
messages=$(grep -c '^From ' "$tmp/big.mbox" || true)

time_of() { # prints "seconds peak_kb" of a command; stdout discarded
  /usr/bin/time -f "%e %M" -o "$tmp/t" "$@" >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; }
  tail -n 1 "$tmp/t"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

: > "$tmp/cat"; : > "$tmp/grep"; : > "$tmp/parse"; : > "$tmp/parsecpu"; : > "$tmp/collect"; : > "$tmp/rss"; : > "$tmp/rerun"
for i in $(seq "$rounds"); do
  time_of cat "$tmp/big.mbox" | awk '{print $1}' >> "$tmp/cat"
  # (grep's output goes to a file: with stdout on /dev/null GNU grep stops at the first match)
  time_of sh -c "grep -c '^From ' '$tmp/big.mbox' > '$tmp/count'" | awk '{print $1}' >> "$tmp/grep"
  # wall seconds from inside the JVM; CPU seconds (user + sys, JIT and GC included) of the whole process, which a
  # shared machine disturbs less
  /usr/bin/time -f "%U %S" -o "$tmp/pt" java -XX:ActiveProcessorCount=1 "${cp[@]}" dev.tributary.bench.MailBench parse \
    "$tmp/big.mbox" 1 | awk '{print $1}' >> "$tmp/parse"
  tail -n 1 "$tmp/pt" | awk '{print $1 + $2}' >> "$tmp/parsecpu"
  rm -f "$tmp/b.duckdb" "$tmp/b.duckdb.wal"
  read -r s kb < <(time_of "$here/tributary" collect mail --quiet --db "$tmp/b.duckdb" --list bench "$tmp/big.mbox")
  echo "$s" >> "$tmp/collect"; echo "$kb" >> "$tmp/rss"
  time_of "$here/tributary" collect mail --quiet --db "$tmp/b.duckdb" --list bench "$tmp/big.mbox" | awk '{print $1}' >> "$tmp/rerun"
  echo "round $i: cat $(tail -n1 "$tmp/cat")s, grep $(tail -n1 "$tmp/grep")s, parse $(tail -n1 "$tmp/parse")s (CPU $(tail -n1 "$tmp/parsecpu")s), collect $s s (peak ${kb} KB), re-collect $(tail -n1 "$tmp/rerun")s" >&2
done
mbs() { awk -v s="$1" -v b="$size" 'BEGIN{printf "%.0f", b / 1048576 / s}'; }
cat_s=$(median < "$tmp/cat"); grep_s=$(median < "$tmp/grep"); parse_s=$(median < "$tmp/parse"); parse_cpu=$(median < "$tmp/parsecpu")
collect_s=$(median < "$tmp/collect"); rss=$(median < "$tmp/rss"); rerun_s=$(median < "$tmp/rerun")
printf 'archive           %d MB, %d messages\n' "$((size / 1048576))" "$messages"
printf 'rounds            %s (medians)\n' "$rounds"
printf 'cat > /dev/null   %8.2f s  %6s MB/s\n' "$cat_s" "$(mbs "$cat_s")"
printf "grep -c '^From '  %8.2f s  %6s MB/s\n" "$grep_s" "$(mbs "$grep_s")"
printf 'parse, 1 thread   %8.2f s  %6s MB/s   (CPU %.2f s, %s MB per CPU second)\n' "$parse_s" "$(mbs "$parse_s")" "$parse_cpu" "$(mbs "$parse_cpu")"
printf 'cold collect      %8.2f s  %6s MB/s   peak RSS %d MB\n' "$collect_s" "$(mbs "$collect_s")" "$((rss / 1024))"
printf 're-collect        %8.2f s\n' "$rerun_s"
