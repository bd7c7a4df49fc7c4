#!/usr/bin/env bash
# Release-table benchmark, gitdm in the same run as the reference: on a project file whose release is given as
# ranges, times (1) gitdm as its docs run it (git log --no-merges --numstat -M of each range, piped to gitdm -n),
# (2) a cold `tributary report --project FILE --release R` on a fresh store (collects the release's ranges only),
# (3) the same again (warm: nothing to collect). Prints each round, medians, ratios and peak RSS.
# Usage: bench/release.sh PROJECT.yaml RELEASE GITDM_DIR GITDM_CONFIG [ROUNDS]
#   GITDM_DIR: a checkout of gitdm (openstack-infra/gitdm); GITDM_CONFIG: its gitdm.config (run from its folder).
#   PYTHON2 (default: python2) runs gitdm. The ranges are read from the project file by tributary itself.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
project="$(readlink -f "$1")"; release="$2"; gitdm="$(readlink -f "$3")/gitdm"; config="$(readlink -f "$4")"; rounds="${5:-5}"
py="${PYTHON2:-python2}"
"$here/tributary" --version >/dev/null
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
# the release's ranges as "path range" lines (needs PyYAML)
python3 - "$project" "$release" > "$tmp/ranges" <<'PY'
import sys, os, yaml
p = yaml.safe_load(open(sys.argv[1])); d = os.path.dirname(sys.argv[1])
paths = {r['name']: os.path.join(d, r['path']) for r in p['repositories']}
for r in p['releases']:
    if str(r['name']) == sys.argv[2]:
        for name, rng in r['ranges'].items(): print(paths[name], rng)
PY
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
secs() { local s e; s=$(date +%s.%N); "$@"; e=$(date +%s.%N); echo "$e - $s" | bc; }
run_gitdm() {
  : > "$tmp/log"
  while read -r path range; do git -C "$path" log --no-use-mailmap --no-merges --numstat -M "$range" >> "$tmp/log"; done < "$tmp/ranges"
  (cd "$(dirname "$config")" && "$py" "$gitdm" -n -c "$config" < "$tmp/log" > "$tmp/gitdm.txt" 2>/dev/null)
}
cold() { rm -f "$tmp/s.duckdb"*; /usr/bin/time -f %M -o "$tmp/rss" "$here/tributary" report --project "$project" --release "$release" --db "$tmp/s.duckdb" --format json -q > "$tmp/cold.json"; }
warm() { "$here/tributary" report --project "$project" --release "$release" --db "$tmp/s.duckdb" --format json -q > "$tmp/warm.json"; }
: > "$tmp/g"; : > "$tmp/c"; : > "$tmp/w"; : > "$tmp/m"
for i in $(seq "$rounds"); do
  g=$(secs run_gitdm); c=$(secs cold); m=$(cat "$tmp/rss"); w=$(secs warm)
  echo "$g" >> "$tmp/g"; echo "$c" >> "$tmp/c"; echo "$w" >> "$tmp/w"; echo "$m" >> "$tmp/m"
  printf 'round %d: gitdm %.2f s, cold report %.2f s (peak RSS %d MB), warm report %.2f s\n' "$i" "$g" "$c" $((m / 1024)) "$w"
done
g=$(median < "$tmp/g"); c=$(median < "$tmp/c"); w=$(median < "$tmp/w"); m=$(median < "$tmp/m")
printf 'medians of %d: gitdm (git log + gitdm) %.2f s; cold report %.2f s (%.2fx gitdm, peak RSS %d MB); warm report %.2f s (%.2fx)\n' \
  "$rounds" "$g" "$c" "$(echo "$c / $g" | bc -l)" $((m / 1024)) "$w" "$(echo "$w / $g" | bc -l)"
head -1 "$tmp/gitdm.txt"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print('tributary: %d changesets from %d developers' % (d['changesets'], d['developers']))" "$tmp/cold.json"
