#!/usr/bin/env python3
"""Independent count of a github-metadata-backup folder's pull-request figures, straight from the raw JSON.

The oracle for `tributary reviews` on the same backup (bench/reviews.sh compares the two). It shares no
code with Tributary: definitions are re-stated here from docs/reviews.md.
  merged            pull requests with merged_at
  closed_unmerged   state "closed" and no merged_at
  open              state "open"
  reviews_by_state  timeline "reviewed" events with a submitted_at, by state (all, and humans only)
  first_response    hours from created_at to the first discussion comment ("commented" event), review
                    comment or submitted review by a login other than the author's, bots out; median and
                    90th percentile (nearest rank) over the pull requests that have one
  first_review      the same with submitted reviews only
  merge             hours from created_at to merged_at; median and 90th percentile
Usage: reviews-oracle.py BACKUP_DIR   (prints JSON)
"""
import json, math, os, sys
from datetime import datetime


def ts(s):
    return datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").timestamp() if s else None


def bot(user):
    if not user:
        return False
    return user.get("type") == "Bot" or user.get("login", "").lower().endswith("[bot]")


def login(user):
    return (user or {}).get("login") or "ghost"


def median(v):
    v = sorted(v)
    n = len(v)
    if n == 0:
        return None
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2


def p90(v):
    v = sorted(v)
    return v[max(0, math.ceil(0.9 * len(v)) - 1)] if v else None


def main(folder):
    merged = closed = opened = 0
    states, human_states = {}, {}
    first_resp, first_rev, merge = [], [], []
    pulls = os.path.join(folder, "pulls")
    for name in os.listdir(pulls):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(pulls, name)) as f:
            d = json.load(f)
        p = d["pull"]
        created = ts(p["created_at"])
        if p.get("merged_at"):
            merged += 1
            merge.append((ts(p["merged_at"]) - created) / 3600)
        elif p["state"] == "closed":
            closed += 1
        else:
            opened += 1
        author = login(p.get("user")).lower()
        responses, reviews = [], []
        for e in d["events"]:
            kind = e.get("event")
            if kind == "reviewed" and e.get("submitted_at"):
                st = e["state"].upper()
                states[st] = states.get(st, 0) + 1
                if not bot(e.get("user")):
                    human_states[st] = human_states.get(st, 0) + 1
                    if login(e.get("user")).lower() != author:
                        reviews.append(ts(e["submitted_at"]))
                        responses.append(ts(e["submitted_at"]))
            elif kind == "commented" and e.get("created_at"):
                u = e.get("user") or e.get("actor")
                if not bot(u) and login(u).lower() != author:
                    responses.append(ts(e["created_at"]))
        for c in d["comments"]:
            if not bot(c.get("user")) and login(c.get("user")).lower() != author and c.get("created_at"):
                responses.append(ts(c["created_at"]))
        if responses:
            first_resp.append(max(0, min(responses) - created) / 3600)
        if reviews:
            first_rev.append(max(0, min(reviews) - created) / 3600)
    print(json.dumps({
        "pulls": merged + closed + opened, "merged": merged, "closed_unmerged": closed, "open": opened,
        "reviews_by_state": dict(sorted(states.items())), "human_reviews_by_state": dict(sorted(human_states.items())),
        "first_response_median_hours": median(first_resp), "first_response_p90_hours": p90(first_resp),
        "first_review_median_hours": median(first_rev), "first_review_p90_hours": p90(first_rev),
        "merge_median_hours": median(merge), "merge_p90_hours": p90(merge),
        "unresponded": merged + closed + opened - len(first_resp),
    }, indent=1))


if __name__ == "__main__":
    main(sys.argv[1])
