#!/usr/bin/env python3
"""Check a held-out evaluation set against the reference signatures and the earlier sets:
no case may share a source URL (issue/page) or a body (whitespace- and case-normalised) with
them. A body that contains a known body, or is contained in one, is printed as a note: the same
message inside a different paste is a different case, but it is worth a look."""
import json, re, sys, glob, os

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
target = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "core/detection/evaluation/refusals-holdout-4.json")

def norm(s):
    return re.sub(r"\s+", " ", (s or "")).strip().lower()

def urls(s):
    out = set()
    for u in re.findall(r"https?://[^\s;,)\"]+", s or ""):
        u = u.rstrip("/.").split("#")[0].lower()
        out.add(u)
    for m in re.findall(r"([\w.-]+/[\w.-]+)#(\d+)", s or ""):
        out.add(f"https://github.com/{m[0]}/issues/{m[1]}".lower())
    return out

others = []  # (origin, id, bodynorm, urls)
for f in sorted(glob.glob(os.path.join(root, "core/detection/evaluation/refusals-holdout*.json"))):
    if os.path.abspath(f) == os.path.abspath(target):
        continue
    for c in json.load(open(f))["cases"]:
        others.append((os.path.basename(f), c["id"], norm(c["body"]), urls(c.get("source", "")) | urls(c.get("url", ""))))
for c in json.load(open(os.path.join(root, "reference/block-signatures.json"))):
    others.append(("block-signatures.json", c["id"], norm(c.get("body")), urls(c.get("source", ""))))

cases = json.load(open(target))["cases"]
ids = [c["id"] for c in cases]
bad = 0
notes = 0
for i in set(ids):
    if ids.count(i) > 1:
        print("duplicate id", i); bad += 1
seenb = {}
for c in cases:
    b = norm(c["body"])
    if b in seenb:
        print("duplicate body inside set:", c["id"], seenb[b]); bad += 1
    seenb[b] = c["id"]
    cu = {u.replace("/pull/", "/issues/") for u in urls(c["source"])}
    for origin, oid, ob, ou in others:
        ou2 = {u.replace("/pull/", "/issues/") for u in ou}
        if cu & ou2:
            print(f"URL clash: {c['id']} ~ {origin}:{oid} {cu & ou2}"); bad += 1
        if b == ob:
            print(f"body clash (same text): {c['id']} ~ {origin}:{oid}"); bad += 1
        elif len(b) >= 30 and len(ob) >= 30 and (b in ob or ob in b):
            # one text inside the other: a known message pasted inside a different wrapper
            # (or quoted by a page). Reported for a look, not counted as a duplicate.
            print(f"note, contains: {c['id']} ~ {origin}:{oid}"); notes += 1
print(f"{len(cases)} cases checked against {len(others)} others; {bad} duplicate(s), {notes} containment note(s)")
sys.exit(1 if bad else 0)
