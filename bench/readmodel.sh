#!/usr/bin/env bash
# The contributions read model's derivation cost per source (ReadModelBench): a store of one repository
# (GIT_ONLY) and a copy into which a github-metadata-backup folder and an issue archive are imported (ALL);
# then, in one process, medians of ROUNDS re-derivations of each source beside a reference measured in the
# same run, and the ratio of ALL's git derivation to GIT_ONLY's (does a git-only rerun cost more once reviews
# and issues are stored?).
# Usage: bench/readmodel.sh REPO BACKUP ISSUES [ROUNDS] [ISSUE_KIND]
#   REPO: a git repository; BACKUP: a github-metadata-backup folder (pulls/N.json); ISSUES: saved issues
#   (e.g. brson/rust-issue-archive's items/), of ISSUE_KIND (default github)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
repo="$1"; backup="$2"; issues="$3"; rounds="${4:-5}"; kind="${5:-github}"
"$here/tributary" --version >/dev/null
[ -d "$here/app/target/test-classes/dev/tributary/bench" ] || (cd "$here" && ./mvnw -q -B -DskipTests package >&2)
jar="$here/app/target/tributary.jar"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
/usr/bin/time -f 'collect git %e s, peak RSS %M KB' java -jar "$jar" analyze -q --db "$tmp/git.duckdb" "$repo" > /dev/null
cp "$tmp/git.duckdb" "$tmp/all.duckdb"
/usr/bin/time -f 'import reviews %e s, peak RSS %M KB' java -jar "$jar" collect github bench/reviews --backup "$backup" \
  --db "$tmp/all.duckdb" -q > /dev/null
/usr/bin/time -f 'import issues %e s, peak RSS %M KB' java -jar "$jar" collect issues -q --db "$tmp/all.duckdb" --tracker bench \
  --kind "$kind" "$issues" > /dev/null
# the read model's counts per kind against the raw JSON (bench/kinds-oracle.py, bench/issues-oracle.py: no shared code)
for k in change review review_comment issue issue_comment all; do
  java -jar "$jar" metrics -q --db "$tmp/all.duckdb" --no-collect --kind "$k" --format json contributors "$repo" > "$tmp/kind-$k.json"
done
python3 "$here/bench/kinds-oracle.py" "$backup" > "$tmp/kinds-oracle.json"
python3 "$here/bench/issues-oracle.py" "$kind" "$issues" > "$tmp/issues-oracle.json"
python3 - "$tmp" <<'PY'
import json, sys
t = sys.argv[1]
mine = {k: json.load(open(f"{t}/kind-{k}.json"))[0]["value"] for k in ["change", "review", "review_comment", "issue", "issue_comment", "all"]}
ko = json.load(open(f"{t}/kinds-oracle.json"))["contributors"]; io = json.load(open(f"{t}/issues-oracle.json"))
pairs = [("change", ko["change"]), ("review", ko["review"]), ("review_comment", ko["review_comment"]),
         ("issue", io["reporters"]), ("issue_comment", io["commenters"])]
for k, o in pairs:
    print(f"{'equal' if o == mine[k] else 'DIFFERENT':9} contributors of kind {k:15} oracle {o}  tributary {mine[k]:.0f}")
print(f"contributors of every kind (all): {mine['all']:.0f}")
PY
java -Xmx1g --enable-native-access=ALL-UNNAMED -cp "$jar:$here/app/target/test-classes" dev.tributary.bench.ReadModelBench \
  "$tmp/git.duckdb" "$tmp/all.duckdb" "$rounds"
