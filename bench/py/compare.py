"""Runs the workloads of bench/compare and prints the table (see bench/compare)."""
import os, statistics, subprocess, sys, time, resource

work, runs = sys.argv[1], int(sys.argv[2])
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
wf = os.path.join(root, ".build/release/wirefeed")
bench = os.path.join(root, ".build/release/wirefeed-bench")
py = sys.executable
here = os.path.dirname(os.path.abspath(__file__))
jsonl = os.path.join(work, "articles.jsonl")
feed = os.path.join(work, "feed.yaml")
with open(feed, "w") as f:
    f.write("title: Bench\nurl: https://bench.example.org/\nselfURL: https://bench.example.org/feed.xml\nupdated: 2024-06-01T12:00:00Z\n")
n = sum(1 for _ in open(jsonl))


def run(cmd):
    """Wall seconds and peak RSS (MB) of one command."""
    t = time.time()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    if status != 0:
        raise SystemExit("bench: failed: " + " ".join(cmd))
    return time.time() - t, usage.ru_maxrss / 1024


def measure(group, tools, items, size_mb):
    """Runs every tool once per round, RUNS rounds; ratios pair by pair against the first tool."""
    times = {name: [] for name, _ in tools}
    mem = {name: 0 for name, _ in tools}
    ratios = {name: [] for name, _ in tools}
    for _ in range(runs):
        base = None
        for name, cmd in tools:
            t, m = run(cmd)
            times[name].append(t)
            mem[name] = max(mem[name], m)
            if base is None:
                base = t
            ratios[name].append(t / base)
    print(f"\n**{group}** ({items:,} items, {size_mb:.0f} MB)\n")
    print("| tool | median s | min-max s | items/s | MB/s | peak MB | × first (median of paired ratios) |")
    print("|---|---|---|---|---|---|---|")
    for name, _ in tools:
        med = statistics.median(times[name])
        print(f"| {name} | {med:.2f} | {min(times[name]):.2f}-{max(times[name]):.2f} | {items / med:,.0f} | {size_mb / med:.1f} | {mem[name]:.0f} | {statistics.median(ratios[name]):.2f} |")
    sys.stdout.flush()


mb = lambda p: os.path.getsize(p) / 1e6
out = lambda name: os.path.join(work, name)

# Files the read/validate workloads use.
for fmt in ["rss", "atom", "newsml"]:
    subprocess.run([wf, "convert", jsonl, "--feed", feed, "--to", fmt, "-o", out(f"feed.{fmt}.xml")], check=True)
items_dir = out("items")
if not os.path.isdir(items_dir):
    subprocess.run([wf, "convert", jsonl, "--feed", feed, "--to", "newsml", "--output-dir", items_dir], check=True)
item_files = sorted(os.path.join(items_dir, f) for f in os.listdir(items_dir))[:1000]

print(f"wirefeed benchmarks: {n:,} synthetic articles ({mb(jsonl):.0f} MB of JSON Lines), {runs} runs each, on {os.cpu_count()} cores")

checks = []


def same_work(fmt):
    """Notes a check, made at the end: whether the floor wrote the bytes wirefeed wrote
    (NewsML: picture uuids aside). At the end, because a forked child's peak memory counts
    the parent's at the fork (Linux), and the check reads both documents into memory."""
    import shutil
    for who in ["floor", "wf"]:
        shutil.copyfile(out(f"{who}.{fmt}.xml"), out(f"check.{who}.{fmt}.xml"))
    checks.append(fmt)


def report_checks():
    import re
    print()
    for fmt in checks:
        a, b = open(out(f"check.floor.{fmt}.xml"), "rb").read(), open(out(f"check.wf.{fmt}.xml"), "rb").read()
        if fmt == "newsml":
            a, b = (re.sub(rb"urn:uuid:[0-9a-f-]{36}", b"urn:uuid:-", x) for x in (a, b))
        print(f"floor output = wirefeed output ({fmt}): {'yes' if a == b else 'NO'}, {len(b) / 1e6:.1f} MB")


measure("convert JSON Lines -> RSS 2.0", [
    ("C floor (xmlTextWriter, same RSS)", [out("floor"), "write-rss", jsonl, out("floor.rss.xml")]),
    ("wirefeed --no-self-check", [wf, "convert", jsonl, "--feed", feed, "--to", "rss", "--no-self-check", "-o", out("wf.rss.xml")]),
    ("wirefeed (output checked by the feed rules)", [wf, "convert", jsonl, "--feed", feed, "--to", "rss", "-o", out("wf.rss.xml")]),
    ("Python lxml xmlfile", [py, os.path.join(here, "lxml_write.py"), jsonl, out("lxml.rss.xml")]),
    ("Python feedgen", [py, os.path.join(here, "feedgen_write.py"), jsonl, out("feedgen.rss.xml")]),
], n, mb(jsonl))
same_work("rss")
measure("convert JSON Lines -> Atom 1.0", [
    ("C floor (xmlTextWriter, same Atom)", [out("floor"), "write-atom", jsonl, out("floor.atom.xml")]),
    ("wirefeed --no-self-check", [wf, "convert", jsonl, "--feed", feed, "--to", "atom", "--no-self-check", "-o", out("wf.atom.xml")]),
    ("wirefeed (output checked by the feed rules)", [wf, "convert", jsonl, "--feed", feed, "--to", "atom", "-o", out("wf.atom.xml")]),
], n, mb(jsonl))
same_work("atom")
measure("convert JSON Lines -> NewsML-G2 newsMessage", [
    ("C floor (xmlTextWriter, same NewsML-G2)", [out("floor"), "write-newsml", jsonl, out("floor.newsml.xml")]),
    ("wirefeed --no-self-check", [wf, "convert", jsonl, "--feed", feed, "--to", "newsml", "--no-self-check", "-o", out("wf.newsml.xml")]),
    ("wirefeed (output checked by the feed rules)", [wf, "convert", jsonl, "--feed", feed, "--to", "newsml", "-o", out("wf.newsml.xml")]),
], n, mb(jsonl))
same_work("newsml")
for fmt in ["rss", "atom"]:
    f = out(f"feed.{fmt}.xml")
    measure(f"import {fmt.upper()} feed", [
        ("C floor (xmlTextReader)", [out("floor"), "read", f]),
        ("wirefeed", [wf, "import", f, "-o", out(f"wf.{fmt}.json")]),
        ("Python feedparser-rs", [py, os.path.join(here, "parse.py"), "feedparser_rs", f]),
        ("Python feedparser", [py, os.path.join(here, "parse.py"), "feedparser", f]),
    ], n, mb(f))
measure("import NewsML-G2 newsMessage", [
    ("C floor (xmlTextReader)", [out("floor"), "read", out("feed.newsml.xml")]),
    ("wirefeed", [wf, "import", out("feed.newsml.xml"), "-o", out("wf.newsml.json")]),
], n, mb(out("feed.newsml.xml")))
schema = os.path.join(root, "schemas/newsml-g2-wirefeed.xsd")
measure("validate 1,000 NewsML-G2 files (schema only)", [
    ("xmllint --noout --schema", ["xmllint", "--noout", "--schema", schema] + item_files),
    ("wirefeed validate --schema-only", [wf, "validate", "-q", "--schema-only"] + item_files),
    ("wirefeed validate (schema + rules)", [wf, "validate", "-q", "--now", "2020-01-01T00:00:00Z"] + item_files),
], len(item_files), sum(mb(f) for f in item_files))
measure("validate one NewsML-G2 newsMessage", [
    ("xmllint --stream --noout --schema", ["xmllint", "--stream", "--noout", "--schema", schema, out("feed.newsml.xml")]),
    ("wirefeed validate --schema-only", [wf, "validate", "-q", "--schema-only", out("feed.newsml.xml")]),
    ("wirefeed validate (schema + rules)", [wf, "validate", "-q", out("feed.newsml.xml")]),
], n, mb(out("feed.newsml.xml")))
measure("validate one RSS 2.0 feed", [
    ("wirefeed validate --schema-only", [wf, "validate", "-q", "--schema-only", out("feed.rss.xml")]),
    ("wirefeed validate (schema + rules)", [wf, "validate", "-q", out("feed.rss.xml")]),
], n, mb(out("feed.rss.xml")))
measure("validate one Atom feed", [
    ("xmllint --noout --relaxng (whole feed)", ["xmllint", "--noout", "--relaxng", os.path.join(root, "schemas/atom-1.0.rng"), out("feed.atom.xml")]),
    ("wirefeed validate --schema-only (entry by entry)", [wf, "validate", "-q", "--schema-only", out("feed.atom.xml")]),
    ("wirefeed validate (schema + rules)", [wf, "validate", "-q", out("feed.atom.xml")]),
], n, mb(out("feed.atom.xml")))
# The same articles as cleaned .txt files (YAML front matter) and as one JSON Lines file,
# converted to RSS: the outputs are byte-identical (checked at the end).
measure("convert the same articles: JSON Lines vs cleaned .txt files -> RSS 2.0", [
    ("wirefeed, JSON Lines", [wf, "convert", jsonl, "--feed", feed, "--to", "rss", "--no-self-check", "-o", out("paired.jsonl.rss.xml")]),
    ("wirefeed, .txt files", [wf, "convert", os.path.join(work, "text"), "--feed", feed, "--to", "rss", "--no-self-check", "-o", out("paired.txt.rss.xml")]),
], n, mb(jsonl))
with open(out("paired.jsonl.rss.xml"), "rb") as a, open(out("paired.txt.rss.xml"), "rb") as b:
    print("\nthe .txt and JSON Lines runs wrote " + ("the same bytes" if a.read() == b.read() else "DIFFERENT bytes"))
measure("cleaned-article reader (.txt files with front matter)", [
    ("wirefeed-bench read-text", [bench, "read-text", work]),
], n, sum(mb(os.path.join(work, "text", f)) for f in os.listdir(os.path.join(work, "text"))))
report_checks()
