#!/usr/bin/env bash
# API benchmark: on a synthetic store of 1,000,000 commits (100,000 identities, gitdm affiliations resolved at
# query time; built by dev.tributary.bench.ServeBench), starts `tributary serve` on loopback, times each
# endpoint's first (uncached) answer with curl, then loads it with wrk (50 connections, 2 threads) for
# DURATION seconds, ROUNDS times, and prints per endpoint the medians of p50 and p99 latency, requests/s,
# and the errors (socket errors plus non-2xx answers) summed over the rounds.
# With REFRESH=1, every round runs under a refresh: another process writes the store in a loop (an
# organization domain added, then undone, each a separate `tributary` run, as a scheduled collect would),
# and the server publishes each new state while it answers (docs/api.md, "Serving while refreshing").
# Needs wrk (Debian: apt-get install -y wrk).
# Usage: [REFRESH=1] bench/serve.sh [ROUNDS] [DURATION]     (default 3 rounds of 10 s)
set -euo pipefail
rounds="${1:-3}"
duration="${2:-10}"
here="$(cd "$(dirname "$0")/.." && pwd)"
command -v wrk >/dev/null || { echo "bench/serve.sh needs wrk (apt-get install -y wrk)" >&2; exit 2; }
"$here/tributary" --version >/dev/null   # builds the jar
[ -f "$here/app/target/test-classes/dev/tributary/bench/ServeBench.class" ] || (cd "$here" && ./mvnw -q -B -DskipTests package >&2)
tmp="$(mktemp -d)"
server=""
writer=""
cleanup() { [ -n "$writer" ] && kill "$writer" 2>/dev/null; [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
java -Xmx2g --enable-native-access=ALL-UNNAMED -cp "$here/app/target/tributary.jar:$here/app/target/test-classes" \
  dev.tributary.bench.ServeBench "$tmp/serve.duckdb" >&2
port=$(( 20000 + RANDOM % 20000 ))
java -Xmx2g -XX:+UseParallelGC --enable-native-access=ALL-UNNAMED -jar "$here/app/target/tributary.jar" \
  serve --db "$tmp/serve.duckdb" --port "$port" --poll 1s > "$tmp/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/api/v1" && break; sleep 0.2; done
base="http://127.0.0.1:$port/api/v1"
# the dashboard's own queries first, then heavier ones (every metric by month and organization: ~1 MB)
paths=("/summary?top=10" "/report?top=15" "/metrics?metric=commits&interval=month&by=organization&top=8"
       "/metrics?interval=month&by=organization" "/metrics?metric=contributors&metric=elephant-factor&interval=year"
       "/organizations?top=20" "/times" "/people?limit=20" "/summary?since=2020-01-01&until=2021-01-01")
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000} printf "%.2f\n", v}'; }
refreshes=0
if [ "${REFRESH:-0}" = 1 ]; then
  # the writer: another process writing the store in a loop while wrk loads the server
  ( i=0; while true; do
      i=$((i + 1))
      java --enable-native-access=ALL-UNNAMED -jar "$here/app/target/tributary.jar" organizations domain --db "$tmp/serve.duckdb" \
        "Refresh $i" "refresh$i.example" >/dev/null 2>>"$tmp/writer.log" || true
      java --enable-native-access=ALL-UNNAMED -jar "$here/app/target/tributary.jar" undo --db "$tmp/serve.duckdb" \
        >/dev/null 2>>"$tmp/writer.log" || true
      echo "$i" > "$tmp/refreshes"
    done ) &
  writer=$!
fi
printf '%-62s %10s %9s %9s %9s %7s\n' endpoint "first(ms)" "p50(ms)" "p99(ms)" "req/s" errors
for p in "${paths[@]}"; do
  first=$(curl -s -o /dev/null -w '%{time_total}' "$base$p" | awk '{printf "%.0f", $1 * 1000}')
  : > "$tmp/p50"; : > "$tmp/p99"; : > "$tmp/rps"; errors=0
  for _ in $(seq "$rounds"); do
    wrk -t2 -c50 -d"${duration}s" --latency "$base$p" > "$tmp/wrk"
    awk '$1 == "50%" {print $2}' "$tmp/wrk" | ms >> "$tmp/p50"
    awk '$1 == "99%" {print $2}' "$tmp/wrk" | ms >> "$tmp/p99"
    awk '$1 == "Requests/sec:" {print $2}' "$tmp/wrk" >> "$tmp/rps"
    e=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10} /Non-2xx/ {print $NF}' "$tmp/wrk" | paste -sd+ | bc)
    errors=$(( errors + ${e:-0} ))
  done
  printf '%-62s %10s %9s %9s %9s %7s\n' "$p" "$first" "$(median < "$tmp/p50")" "$(median < "$tmp/p99")" "$(median < "$tmp/rps" | xargs printf '%.0f')" "$errors"
done
if [ -n "$writer" ]; then
  kill "$writer" 2>/dev/null || true
  echo "refresh: $(cat "$tmp/refreshes" 2>/dev/null || echo 0) write+undo pairs by another process; $(cat "$tmp/writer.log" 2>/dev/null | wc -l) writer error lines"
fi
