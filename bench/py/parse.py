"""Parse a feed with feedparser or feedparser-rs and touch every entry's text."""
import sys
mod = __import__(sys.argv[1])
d = mod.parse(open(sys.argv[2], "rb").read())
n = 0
for e in d.entries:
    n += len(e.get("title", "")) + len(e.get("summary", ""))
    for c in e.get("content", []) or []:
        n += len(c.get("value", ""))
print(len(d.entries), n, file=sys.stderr)
