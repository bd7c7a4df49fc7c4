#!/usr/bin/env python3
"""Review credits of a repository as git itself counts them, for `tributary reviews --credits`.

Counts `git log --format='%(trailers:key=KEY,valueonly)'` values on HEAD, maps each "Name <email>" through
`git check-mailmap` (the repository's .mailmap), and groups by the lower-cased address: what Tributary
calls the individual when no curated merges apply. With a second argument (the JSON of
`tributary reviews --credits --format json --top 0`), compares the two and prints every difference.
Usage: credits-oracle.py REPO [CREDITS_JSON]
"""
import collections, json, re, subprocess, sys


def git(repo, *args, stdin=None):
    return subprocess.run(["git", "-C", repo, *args], input=stdin, capture_output=True, text=True, check=True).stdout


def main(repo, mine=None):
    counts = {}
    for key in ("Reviewed-by", "Tested-by", "Acked-by"):
        values = [v.strip() for v in git(repo, "log", f"--format=%(trailers:key={key},valueonly)").split("\n") if v.strip()]
        # a value is "Name <address>", sometimes with words after it ("<a@b.c> [on release-3.5]"): the address
        # is what is between < and >, and the mailmap is asked about "Name <address>"
        values = [re.sub(r"^(.*?<[^<>]*>).*$", r"\1", v) for v in values]
        with_mail = sorted({v for v in values if "<" in v and v.endswith(">")})
        mapped = {}
        if with_mail:
            out = git(repo, "check-mailmap", "--stdin", stdin="\n".join(with_mail) + "\n").split("\n")
            mapped = dict(zip(with_mail, out))
        c = collections.Counter()
        for v in values:
            m = mapped.get(v, v)
            if "<" in m and m.endswith(">"):
                c[m[m.rindex("<") + 1:-1].strip().lower()] += 1
            elif "@" in m:
                c[m.strip().lower()] += 1
            else:
                c["name:" + m.strip().lower()] += 1
        counts[key] = c
    total = {k: sum(c.values()) for k, c in counts.items()}
    if mine is None:
        print(json.dumps({"totals": total, "top": {k: c.most_common(5) for k, c in counts.items()}}, indent=1))
        return 0
    theirs = collections.Counter()
    for k, c in counts.items():
        for who, n in c.items():
            theirs[(who, k)] += n
    ours = collections.Counter()
    for row in json.load(open(mine)):
        ours[(row["individual"], row["kind"])] += row["credits"]
    diff = sorted((k, theirs[k], ours[k]) for k in set(theirs) | set(ours) if theirs[k] != ours[k])
    print(json.dumps({"git_totals": total, "tributary_totals": {k: sum(n for (w, kk), n in ours.items() if kk == k) for k in total},
                      "individuals": len({w for w, _ in theirs}), "differences": diff[:50], "different": len(diff)}, indent=1))
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
