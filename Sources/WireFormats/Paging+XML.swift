package import WireModel
package import XMLCore

extension Paging {
    /// Writes RFC 5005's links (`rel="first"`, `"prev-archive"`...) as `link` elements (in
    /// RSS, `atom:link`), then `fh:complete` / `fh:archive`, their namespace declared on them.
    package static func write(_ paging: Paging?, with xml: XMLWriter, link: String, history prefix: String) throws {
        guard let paging else { return }
        for (rel, href) in paging.links {
            if link == "link" {
                try xml.element(link, attributes: ["rel": rel, "href": href])
            } else {
                try xml.element(link, attributes: ["href": href, "rel": rel])
            }
        }
        for (name, on) in [("complete", paging.complete), ("archive", paging.archive)] where on == true {
            try xml.startElement(prefix + ":" + name)
            try xml.attribute("xmlns:" + prefix, Namespace.history)
            try xml.endElement()
        }
    }

    /// Reads a link relation into the feed's hub or paging; false when it is neither.
    package static func read(rel: String, href: String, into feed: inout Feed) -> Bool {
        if rel == "hub" {
            feed.hub = feed.hub ?? href
            return true
        }
        var p = feed.paging ?? Paging()
        guard p.set(rel, href) else { return false }
        feed.paging = p
        return true
    }

    /// Reads `fh:complete` / `fh:archive` into the feed's paging; false for other elements.
    package static func read(element name: String, namespace: String, into feed: inout Feed) -> Bool {
        guard namespace == Namespace.history, name == "complete" || name == "archive" else { return false }
        var p = feed.paging ?? Paging()
        if name == "complete" { p.complete = true } else { p.archive = true }
        feed.paging = p
        return true
    }
}
