#!/usr/bin/env python3
"""An independent count over a public-inbox v2 epoch, straight from git (git cat-file of each commit's 'm'),
with Python's own mail parser: messages, posters, patches, series, review trailers in replies to patches,
and the median hours to a series' first response. It shares no code with Tributary; the rules are those
docs/mail.md states ("Patches and reviews"), written again here.

usage: bench/inbox_oracle.py [--dump=FILE.tsv] EPOCH.git [EPOCH.git...]   (prints JSON; the dump has one line per message)
"""
import email
import email.policy
import email.utils
import json
import re
import statistics
import subprocess
import sys

TAG = re.compile(r'^\s*\[([^\]]*)\]')
REPLY = re.compile(r'^\s*(re|aw|sv|vs|antw|odp|rif|r|ynt|回复|回覆|答复)\s*(\[\d+]|\(\d+\))?\s*[:：]', re.I)
DIFF = re.compile(r'^(diff --git a/|--- \S.*\n\+\+\+ \S.*\n@@ |Index: \S.*\n={20,}\n)', re.M)
TRAILER = re.compile(r'^[ \t]*(reviewed|acked|tested|nacked|naked)-by:', re.I | re.M)
NAK = re.compile(r'^[ \t]*(NAK|NACK|Nack|Nak|Nacked|NACKed|NAKed)[.!]?[ \t]*$', re.M)
IDS = re.compile(r'<([^<>\s]+)>')
ADDR = re.compile(r'[^\s@<>"]+@[^\s@<>"]+')
CONTROL = re.compile(r'[\x00-\x1f\x7f]')
BARE_ID = re.compile(r'[^\s<>@]+@[^\s<>@]+')
BOT = re.compile(r'(\[bot\]$|\bbot$)', re.I)


LTAG = re.compile(r'^\s*\[[^\]]{0,60}]\s*')
LREPLY = re.compile(r'^\s*(re|aw|sv|vs|antw|odp|rif|r|ynt|回复|回覆|答复)\s*(\[\d+]|\(\d+\))?\s*[:：]\s*', re.I)
LFWD = re.compile(r'^\s*(fwd?|wg|tr|rv|転送|转发)\s*(\[\d+]|\(\d+\))?\s*[:：]\s*', re.I)


def normalized(s):
    while True:
        t = LFWD.sub('', LREPLY.sub('', LTAG.sub('', s, 1), 1), 1)
        if t == s:
            return ' '.join(s.split()).lower()
        s = t


def is_reply(s):
    while True:
        t = LTAG.sub('', s, 1)
        if t == s:
            return bool(LREPLY.match(s))
        s = t


def subject_info(s):
    reply, tagged, version, number, total = False, False, 1, -1, -1
    while True:
        m = REPLY.match(s)
        if m:
            reply, s = True, s[m.end():]
            continue
        m = TAG.match(s)
        if not m:
            break
        for w in re.split(r'[\s,]+', m.group(1).strip()):
            u = w.upper()
            if u == 'PATCH' or u.startswith('PATCHV'):
                tagged = True
                if re.fullmatch(r'v\d{1,4}', w[5:], re.I):
                    version = int(w[6:])
            elif u in ('RFC', 'RFT'):
                tagged = True
            if re.fullmatch(r'v\d{1,4}', w, re.I):
                version = int(w[1:])
            n = re.fullmatch(r'(\d{1,5})/(\d{1,5})', w)
            if n:
                number, total = int(n.group(1)), int(n.group(2))
        s = s[m.end():]
    return reply, tagged, version, number, total


def body_text(msg):
    part = None
    for p in msg.walk():
        if p.get_content_maintype() == 'multipart':
            continue
        disp = (p.get('Content-Disposition') or '').strip().lower()
        if p.get_content_type() == 'text/plain' and not disp.startswith('attachment'):
            part = p
            break
        if p is msg:
            break
    if part is None:
        return ''
    payload = part.get_payload(decode=True) or b''
    charset = part.get_content_charset() or 'utf-8'
    try:
        return payload.decode(charset, errors='replace').replace('\r\n', '\n')
    except LookupError:
        return payload.decode('utf-8', errors='replace').replace('\r\n', '\n')


def main(epochs):
    messages = {}  # id -> dict
    order = []
    for git in epochs:
        revs = subprocess.run(['git', '--git-dir', git, 'log', '--reverse', '--format=%H %ct', 'HEAD'],
                              capture_output=True, check=True, text=True).stdout.split('\n')
        revs = [r.split() for r in revs if r]
        p = subprocess.Popen(['git', '--git-dir', git, 'cat-file', '--batch'], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE)
        for sha, ct in revs:
            p.stdin.write((sha + ':m\n').encode())
            p.stdin.flush()
            header = p.stdout.readline().decode()
            if header.endswith('missing\n'):
                continue
            size = int(header.split()[2])
            raw = p.stdout.read(size)
            p.stdout.read(1)
            msg = email.message_from_bytes(raw, policy=email.policy.compat32)
            name, addr = email.utils.parseaddr(CONTROL.sub('', str(msg.get('From', ''))))
            if not ADDR.fullmatch(addr):
                name, addr = email.utils.parseaddr(CONTROL.sub('', str(msg.get('Sender', ''))))
            if not ADDR.fullmatch(addr):
                continue  # not mail: no sender
            raw_id = str(msg.get('Message-ID', '') or '').strip()
            mid = IDS.search(raw_id)
            mid = mid.group(1) if mid else (raw_id if BARE_ID.fullmatch(raw_id) else None)
            if mid and mid in messages:
                continue  # a duplicate: the first is kept
            try:
                when = email.utils.parsedate_to_datetime(str(msg.get('Date'))).timestamp()
                if when < 315532800:
                    when = int(ct)
            except Exception:
                when = int(ct)
            key = mid if mid else 'synthesized:' + sha
            subj = email.header.make_header(email.header.decode_header(str(msg.get('Subject', '') or ''))).__str__() \
                if msg.get('Subject') else ''
            subj = ' '.join(subj.split())
            irt = IDS.findall(str(msg.get('In-Reply-To', '') or ''))
            refs = IDS.findall(str(msg.get('References', '') or ''))
            messages[key] = dict(id=key, addr=addr.lower(), name=name, when=when, subject=subj,
                                 irt=irt[0] if irt else None, refs=refs, body=body_text(msg))
            order.append(key)
        p.stdin.close()
        p.wait()
    # parents: In-Reply-To if the list has it, else the last References it has, else (a reply by its subject)
    # the latest earlier message with the same normalized subject within 30 days; loops cut at their earliest
    by_date = sorted(messages.values(), key=lambda x: (x['when'], x['id']))
    rank = {m['id']: i for i, m in enumerate(by_date)}
    by_subject = {}
    for m in by_date:
        n = normalized(m['subject'])
        if n:
            by_subject.setdefault(n, []).append(m)
    for m in messages.values():
        parent = m['irt'] if m['irt'] in messages and m['irt'] != m['id'] else None
        if parent is None:
            for r in reversed(m['refs']):
                if r in messages and r != m['id']:
                    parent = r
                    break
        if parent is None and is_reply(m['subject']):
            for c in reversed(by_subject.get(normalized(m['subject']), [])):
                if c is not m and rank[c['id']] < rank[m['id']] and c['when'] >= m['when'] - 30 * 86400:
                    parent = c['id']
                    break
        m['parent'] = parent
    done = set()
    for start in by_date:
        path, on, x = [], set(), start
        while x is not None and x['id'] not in done and x['id'] not in on:
            on.add(x['id'])
            path.append(x)
            x = messages[x['parent']] if x['parent'] else None
        if x is not None and x['id'] in on:
            loop, y = [x], messages[x['parent']]
            while y is not x:
                loop.append(y)
                y = messages[y['parent']]
            min(loop, key=lambda z: rank[z['id']])['parent'] = None
        done.update(p['id'] for p in path)
    for m in messages.values():
        reply, tagged, version, number, total = subject_info(m['subject'])
        m['version'], m['number'], m['total'] = version, number, total
        if reply:
            m['kind'] = 'reply'
        elif tagged and number == 0:
            m['kind'] = 'cover'
        elif tagged or DIFF.search(m['body']):
            m['kind'] = 'patch'
        else:
            m['kind'] = 'other'
    patchlike = lambda x: x['kind'] in ('patch', 'cover')
    # series: up the parent chain while the parent is patch-like, same version, total and sender
    for m in messages.values():
        if not patchlike(m):
            continue
        head = m
        if m['total'] > 0 and m['number'] != 0:
            q, seen = m, set()
            while q['parent'] and q['parent'] not in seen:
                seen.add(q['id'])
                par = messages[q['parent']]
                if not (patchlike(par) and par['version'] == m['version'] and par['total'] == m['total']
                        and par['addr'] == m['addr']):
                    break
                q = par
                if par['number'] == 0:
                    break
            head = q
        m['series'] = head['id']
    trailers = 0
    first = {}  # series -> earliest response time
    for m in messages.values():
        if patchlike(m):
            continue
        q, seen, target = m, set(), None
        while q['parent'] and q['parent'] not in seen:
            seen.add(q['id'])
            par = messages[q['parent']]
            if patchlike(par):
                target = par
                break
            q = par
        if target is None:
            continue
        m['trailers'] = len(TRAILER.findall(m['body'])) + (1 if NAK.search(m['body']) else 0)
        trailers += m['trailers']
        head = messages[target['series']]
        if m['addr'] != head['addr'] and not BOT.search(m['name'] or '') and not BOT.search(m['addr'].split('@')[0]):
            first[head['id']] = min(first.get(head['id'], m['when']), m['when'])
    heads = [m for m in messages.values() if patchlike(m) and m['series'] == m['id']]
    if DUMP:
        with open(DUMP, 'w') as f:
            for m in messages.values():
                f.write('\t'.join([m['id'], m['addr'], m['kind'], m.get('series', ''), str(m.get('trailers', 0)),
                                   m['parent'] or '', str(m['when']),
                                   str((first[m['id']] - m['when']) / 3600.0) if m['id'] in first else '']) + '\n')
    hours = [max(0.0, (first[h['id']] - h['when']) / 3600.0) for h in heads if h['id'] in first]
    print(json.dumps(dict(
        messages=len(messages),
        posters=len({m['addr'] for m in messages.values()}),
        patches=sum(1 for m in messages.values() if m['kind'] == 'patch'),
        coverLetters=sum(1 for m in messages.values() if m['kind'] == 'cover'),
        series=len(heads),
        reviewTrailers=trailers,
        seriesAnswered=len(hours),
        medianHoursToFirstResponse=statistics.median(hours) if hours else None,
    ), indent=2))


DUMP = None

if __name__ == '__main__':
    args = sys.argv[1:]
    if args and args[0].startswith('--dump='):
        DUMP = args.pop(0)[7:]
    main(args)
