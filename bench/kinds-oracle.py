#!/usr/bin/env python3
"""Independent count of the read model's code-review kinds in a github-metadata-backup folder, from the raw JSON.

The oracle for `tributary metrics --kind change|review|review_comment` (and `reviews reviewers`,
`change-request-authors`) on the same backup; it shares no code with Tributary. Per kind: the rows (a pull
request opened = change; a timeline "reviewed" event with submitted_at = review; a "commented" event or an
inline review comment = review_comment) and the distinct human logins (lower-cased; a deleted account is
"ghost"). Bots by the rules bench/issues-oracle.py states: GitHub type Bot, a login ending in [bot], -bot,
_bot, .bot, or a CI name. Logins are not individuals: two logins linked to one address are one contributor
for Tributary, so its counts may be lower, never higher.
Usage: kinds-oracle.py BACKUP_DIR   (prints JSON)
"""
import glob, json, os, re, sys

BOT_LOCAL = re.compile(r"(?i)(.*(\[bot]|[-_.]bot|[-_.]robot)|jenkins|zuul|buildbot|github-actions|dependabot|renovate(-bot)?)$")


def login(u):
    return ((u or {}).get("login") or "ghost").lower()


def bot(u):
    return bool(u) and (u.get("type") == "Bot" or bool(BOT_LOCAL.match(login(u))))


def main(folder):
    rows = {"change": 0, "review": 0, "review_comment": 0}
    people = {k: set() for k in rows}
    for path in glob.glob(os.path.join(folder, "pulls", "*.json")):
        with open(path) as f:
            try:
                d = json.load(f)
            except ValueError:
                continue  # a file cut short: Tributary warns and leaves it out too
        p = d.get("pull")
        if d.get("type") != "pull" or not p or not p.get("created_at"):
            continue
        acts = [("change", p.get("user"))]
        for e in d.get("events") or []:
            if e.get("event") == "reviewed" and e.get("submitted_at") and e.get("state", "").upper() != "PENDING":
                acts.append(("review", e.get("user")))
            elif e.get("event") == "commented" and e.get("created_at"):
                acts.append(("review_comment", e.get("user") or e.get("actor")))
        acts += [("review_comment", c.get("user")) for c in d.get("comments") or []]
        for kind, u in acts:
            rows[kind] += 1
            if not bot(u):
                people[kind].add(login(u))
    print(json.dumps({"rows": rows, "contributors": {k: len(v) for k, v in people.items()}}, indent=1))


if __name__ == "__main__":
    main(sys.argv[1])
