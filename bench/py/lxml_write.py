"""Write the JSON Lines articles as RSS 2.0 with lxml's incremental writer (streaming)."""
import json, sys
from lxml import etree
CONTENT = "http://purl.org/rss/1.0/modules/content/"
with etree.xmlfile(sys.argv[2], encoding="utf-8") as xf:
    xf.write_declaration()
    with xf.element("rss", version="2.0", nsmap={"content": CONTENT}):
        with xf.element("channel"):
            for tag, text in (("title", "Bench"), ("link", "https://bench.example.org/"), ("description", "Bench")):
                el = etree.Element(tag); el.text = text; xf.write(el)
            for line in open(sys.argv[1], encoding="utf-8"):
                a = json.loads(line)
                item = etree.Element("item")
                etree.SubElement(item, "title").text = a.get("title", "")
                if "url" in a: etree.SubElement(item, "link").text = a["url"]
                etree.SubElement(item, "description").text = "<p>%s</p>" % a.get("summary", "").replace("&", "&amp;").replace("<", "&lt;")
                g = etree.SubElement(item, "guid", isPermaLink="false"); g.text = a["id"]
                etree.SubElement(item, "{%s}encoded" % CONTENT).text = "\n".join("<p>%s</p>" % p.replace("&", "&amp;").replace("<", "&lt;") for p in a.get("body", []))
                for c in a.get("categories", []):
                    etree.SubElement(item, "category", domain=c.get("scheme", "")).text = c["term"]
                xf.write(item)
