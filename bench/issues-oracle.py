#!/usr/bin/env python3
"""Independent count of issue figures straight from raw tracker JSON, to check `tributary issues` against.

Usage:
  bench/issues-oracle.py github DIR   # a per-issue archive: DIR/NNNNNN-main.json and -comments.json
  bench/issues-oracle.py jira DIR     # Jira REST v2 issue objects: DIR/KEY.json

Prints JSON: issues by state, comments, median and p90 response time (hours) and resolution duration (days),
by the rules of docs/issues.md (pull requests left out; a response is the first comment at or after the
report by an account other than the reporter and not a bot (login, or Jira display name, by the bot rules); resolution = close - report, for closed issues).
Written apart from the Java code: only the json, re, glob and statistics modules of Python's standard library.
"""
import glob
import json
import os
import re
import statistics
import sys
from datetime import datetime

BOT_NAME = re.compile(r"(?i).*(\[bot]|\bbot)\s*$")
BOT_LOCAL = re.compile(r"(?i)(.*(\[bot]|[-_.]bot|[-_.]robot)|jenkins|zuul|buildbot|github-actions|dependabot|renovate(-bot)?)$")


def is_bot(login, says_bot=False):
    return says_bot or bool(BOT_NAME.match(login)) or bool(BOT_LOCAL.match(login))


def epoch(s):
    s = s.strip()
    s = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", s).replace("Z", "+00:00")
    return int(datetime.fromisoformat(s).timestamp())


def quantile(values, q):
    v = sorted(values)
    if not v:
        return None
    pos = q * (len(v) - 1)
    lo = int(pos)
    hi = min(len(v) - 1, lo + 1)
    return v[lo] + (v[hi] - v[lo]) * (pos - lo)


def summary(rows):
    """rows: (state, created, closed or None, reporter, [(author, is_bot, at)], reporter is a bot)"""
    out = {"issues": len(rows), "open": 0, "closed": 0, "comments": 0}
    responses, resolutions = [], []
    reporters, commenters = set(), set()
    for state, created, closed, reporter, comments, reporter_bot in rows:
        if not reporter_bot:
            reporters.add(reporter.lower())
        commenters.update(a.lower() for (a, bot, at) in comments if not bot)
        out[state] += 1
        out["comments"] += len(comments)
        firsts = [at for (a, bot, at) in comments if a != reporter and not bot and at >= created]
        if firsts:
            responses.append((min(firsts) - created) / 3600.0)
        if state == "closed" and closed is not None and closed >= created:
            resolutions.append((closed - created) / 86400.0)
    out["responded"] = len(responses)
    out["reporters"] = len(reporters)  # distinct accounts, bots out: metrics --kind issue contributors when none share a person
    out["commenters"] = len(commenters)
    out["responseHoursMedian"] = statistics.median(responses) if responses else None
    out["responseHoursP90"] = quantile(responses, 0.9)
    out["resolutionDaysMedian"] = statistics.median(resolutions) if resolutions else None
    out["resolutionDaysP90"] = quantile(resolutions, 0.9)
    return out


def github(folder):
    rows = []
    for main in sorted(glob.glob(os.path.join(folder, "*-main.json"))):
        with open(main) as f:
            d = json.load(f)
        if d.get("pull_request"):
            continue
        if int(os.path.basename(main).split("-")[0]) != d["number"]:
            continue  # a transferred issue: the API answered with its new home's issue
        user = d.get("user") or {}
        reporter = user.get("login") or "ghost"
        comments = []
        cpath = main.replace("-main.json", "-comments.json")
        if os.path.exists(cpath):
            with open(cpath) as f:
                for c in json.load(f):
                    u = c.get("user") or {}
                    login = u.get("login") or "ghost"
                    comments.append((login, is_bot(login, u.get("type") == "Bot"), epoch(c["created_at"])))
        state = "closed" if d.get("state") == "closed" else "open"
        closed = epoch(d["closed_at"]) if state == "closed" and d.get("closed_at") else None
        rows.append((state, epoch(d["created_at"]), closed, reporter, comments, is_bot(reporter, user.get("type") == "Bot")))
    return rows


def jira_account(u):
    if not isinstance(u, dict):
        return "ghost"
    return u.get("name") or u.get("key") or u.get("accountId") or "ghost"


def jira(folder):
    rows = []
    for path in sorted(glob.glob(os.path.join(folder, "*.json"))):
        with open(path) as f:
            d = json.load(f)
        fl = d["fields"]
        reporter = jira_account(fl.get("reporter") or fl.get("creator"))
        status = fl.get("status") or {}
        cat = status.get("statusCategory")
        done = cat.get("key") == "done" if cat else (status.get("name", "").lower() in ("closed", "resolved", "done"))
        closed = None
        if done:
            closed = epoch(fl["resolutiondate"]) if fl.get("resolutiondate") else (epoch(fl["updated"]) if fl.get("updated") else None)
        comments = []
        for c in ((fl.get("comment") or {}).get("comments") or []):
            login = jira_account(c.get("author"))
            name = (c.get("author") or {}).get("displayName") or ""
            comments.append((login, is_bot(login) or bool(BOT_NAME.match(name)), epoch(c["created"])))
        rname = (fl.get("reporter") or fl.get("creator") or {}).get("displayName") or ""
        rows.append(("closed" if done else "open", epoch(fl["created"]), closed, reporter, comments,
                     is_bot(reporter) or bool(BOT_NAME.match(rname))))
    return rows


if __name__ == "__main__":
    kind, folder = sys.argv[1], sys.argv[2]
    print(json.dumps(summary(github(folder) if kind == "github" else jira(folder)), indent=1))
