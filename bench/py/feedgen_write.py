"""Write the JSON Lines articles as RSS 2.0 with feedgen (builds the whole feed in memory, as feedgen does)."""
import json, sys
from feedgen.feed import FeedGenerator
fg = FeedGenerator()
fg.title("Bench"); fg.link(href="https://bench.example.org/", rel="alternate"); fg.description("Bench")
fg.load_extension("dc")
for line in open(sys.argv[1], encoding="utf-8"):
    a = json.loads(line)
    e = fg.add_entry(order="append")
    e.id(a["id"]); e.guid(a["id"], permalink=False); e.title(a.get("title", ""))
    if "url" in a: e.link(href=a["url"])
    e.description(a.get("summary", ""))
    e.content("".join("<p>%s</p>" % p.replace("&", "&amp;").replace("<", "&lt;") for p in a.get("body", [])), type="CDATA")
    if "published" in a: e.pubDate(a["published"])
    for c in a.get("categories", []): e.category(term=c["term"], scheme=c.get("scheme"))
fg.rss_file(sys.argv[2], pretty=True)
