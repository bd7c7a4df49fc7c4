#!/usr/bin/env python3
"""Generates N small git repositories (bare) under DIR with a size mix like a real ecosystem's: most have a
few commits, some hundreds, a few over a thousand; authors from a shared pool of people at organizations.
Deterministic (seeded). Usage: bench/generate-ecosystem.py N DIR   (writes DIR/list.txt, one path a line)"""
import os, random, subprocess, sys

n, out = int(sys.argv[1]), sys.argv[2]
rnd = random.Random(16)
os.makedirs(out, exist_ok=True)
orgs = ["redhat.com", "ibm.com", "intel.com", "suse.de", "huawei.com", "gmail.com", "canonical.com", "vmware.com"]
people = [(f"Dev {i}", f"dev{i}@{orgs[i % len(orgs)]}") for i in range(3000)]
paths = []
for r in range(n):
    x = rnd.random()
    commits = rnd.randint(2, 20) if x < 0.6 else rnd.randint(20, 100) if x < 0.95 else rnd.randint(100, 1500)
    path = os.path.join(out, f"repo{r:05d}.git")
    for d in ("objects/pack", "objects/info", "refs/heads", "refs/tags"):
        os.makedirs(os.path.join(path, d), exist_ok=True)
    with open(os.path.join(path, "HEAD"), "w") as fh:
        fh.write("ref: refs/heads/main\n")
    with open(os.path.join(path, "config"), "w") as fh:
        fh.write("[core]\n\trepositoryformatversion = 0\n\tbare = true\n")
    stream = []
    t = 1262304000 + rnd.randint(0, 300_000_000)
    files = {}
    team = rnd.sample(people, rnd.randint(1, 12))
    for c in range(commits):
        name, email = rnd.choice(team)
        t += rnd.randint(600, 400_000)
        f = f"src/f{rnd.randint(0, 9)}.py"
        lines = files.get(f, [])
        for _ in range(rnd.randint(1, 8)):
            lines.insert(rnd.randint(0, len(lines)), f"x = {rnd.randint(0, 10**6)}")
        if len(lines) > 8 and rnd.random() < 0.3:
            del lines[rnd.randint(0, len(lines) - 1)]
        files[f] = lines
        data = ("\n".join(lines) + "\n").encode()
        msg = f"change {c}\n".encode()
        stream.append(b"commit refs/heads/main\n")
        stream.append(f"author {name} <{email}> {t} +0000\ncommitter {name} <{email}> {t} +0000\n".encode())
        stream.append(b"data %d\n" % len(msg) + msg)
        stream.append(b"M 100644 inline %s\ndata %d\n" % (f.encode(), len(data)) + data + b"\n")
    subprocess.run(["git", "--git-dir", path, "fast-import", "--quiet"], input=b"".join(stream), check=True)
    paths.append(path)
with open(os.path.join(out, "list.txt"), "w") as fh:
    fh.write("\n".join(paths) + "\n")
