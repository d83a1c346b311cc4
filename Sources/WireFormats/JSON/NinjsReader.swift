import Foundation
import TextKernel
package import WireModel
import XMLCore

/// Reads IPTC ninjs (1.x, 2.x and 3.x spellings) into the article model: the inverse of
/// ``NinjsWriter``'s mapping, and what IPTC's examples carry (`headline`, `body_text`,
/// `body_html`, `description_text` of ninjs 1.x; `bodies` with XHTML; renditions of a picture
/// or video object as its media).
package enum NinjsReader {
    /// Whether a JSON object is a ninjs document (it has a `uri`, ninjs' one required key).
    package static func isNinjs(_ object: [String: Any]) -> Bool { object["uri"] is String }

    /// A value under its 3.x (camelCase) or 2.x (lower-case) key.
    static func value(_ o: [String: Any], _ key: String) -> Any? { o[key] ?? o[key.lowercased()] }

    static func text(_ value: Any?) -> String? { JSONFeedReader.text(value) }

    /// The value of the entry with `role` (or the first, when none has a role) in a list of
    /// `{role, contentType, value}`.
    static func entries(_ o: [String: Any], _ key: String) -> [[String: Any]] {
        (value(o, key) as? [Any] ?? []).compactMap { $0 as? [String: Any] }
    }

    static func date(_ o: [String: Any], _ key: String) -> Timestamp? {
        guard let s = text(value(o, key)) else { return nil }
        var notes: DateParser.Notes = []
        return DateParser.parseAny(s, notes: &notes)
    }

    package static func article(_ o: [String: Any]) -> Article? {
        guard let uri = text(o["uri"]) else { return nil }
        var a = Article(id: uri)
        a.version = (o["version"] as? String).flatMap { Int($0) } ?? (o["version"] as? NSNumber)?.intValue
        a.published = date(o, "firstCreated")
        a.updated = date(o, "versionCreated")
        if a.updated == a.published { a.updated = nil }
        a.embargo = date(o, "embargoedUntil") ?? date(o, "embargoed")
        a.status = text(value(o, "pubStatus")).flatMap(PublicationStatus.init(rawValue:))
        a.urgency = (o["urgency"] as? NSNumber)?.intValue
        let holder = text(value(o, "copyrightHolder"))
        let notice = text(value(o, "copyrightNotice"))
        if holder != nil || notice != nil { a.rights = Rights(holder: holder, notice: notice) }
        a.language = text(o["language"])
        for h in entries(o, "headlines") {
            switch h["role"] as? String {
            case "sub", "subheadline": a.subtitle = a.subtitle ?? text(h["value"])
            default: a.title = a.title ?? text(h["value"])
            }
        }
        a.title = a.title ?? text(o["headline"])
        for d in entries(o, "descriptions") where a.summary == nil { a.summary = text(d["value"]) }
        a.summary = a.summary ?? text(o["description_text"])
        let bodies = entries(o, "bodies")
        if let plain = bodies.first(where: {
            ($0["contentType"] ?? $0["contenttype"]) as? String ?? "text/plain" == "text/plain"
        }),
            let v = plain["value"] as? String
        {
            a.body = HTMLReducer.plainParagraphs(v)
        } else if let rich = bodies.first, let v = rich["value"] as? String {
            a.body = FeedText.paragraphs(v, html: true, base: nil)
        } else if let v = o["body_text"] as? String {
            a.body = HTMLReducer.plainParagraphs(v)
        } else if let v = o["body_html"] as? String {
            a.body = FeedText.paragraphs(v, html: true, base: nil)
        }
        let people = (o["people"] as? [Any] ?? []).compactMap { $0 as? [String: Any] }
        for p in people {
            guard let name = text(p["name"]) else { continue }
            let role = text(p["rel"]).flatMap(Person.Role.init(rawValue:))
            if let person = URIText.person(name: name, link: text(p["uri"]), role: role) { a.authors.append(person) }
        }
        if a.authors.isEmpty, let by = text(o["by"]) { a.authors = [Person(name: by)] }
        for s in (o["subjects"] as? [Any] ?? []).compactMap({ $0 as? [String: Any] }) {
            let literal = text(s["literal"])
            let uri = text(s["uri"])
            guard let term = literal ?? uri ?? text(s["name"]) else { continue }
            var scheme: String?
            if let uri, let literal, uri.hasSuffix(literal), uri.count > literal.count {
                scheme = String(uri.dropLast(literal.count))
            }
            a.categories.append(Category(term: term, scheme: scheme, label: text(s["name"])))
        }
        a.dateline = text(o["located"])
        a.source = entries(o, "infoSources").first { $0["role"] as? String == "source" }.flatMap { text($0["name"]) }
        // Media: this object's own renditions (a picture item), then its associated objects'.
        a.media += media(renditions: value(o, "renditions"), caption: nil, credit: nil, medium: nil)
        for (_, v) in (o["associations"] as? [Any] ?? []).compactMap({ $0 as? [String: Any] }).enumerated() {
            let caption = entries(v, "descriptions").first.flatMap { text($0["value"]) } ?? text(v["description_text"])
            let found = media(
                renditions: value(v, "renditions"), caption: caption, credit: text(v["by"]), medium: text(v["type"]))
            if !found.isEmpty {
                a.media += found
            } else if let uri = text(v["uri"]), uri.hasPrefix("http") {
                a.media.append(Media(url: uri, caption: caption))
            }
        }
        return a
    }

    /// Renditions of one object as one medium: the largest is the main one, never a thumbnail.
    static func media(renditions: Any?, caption: String?, credit: String?, medium: String?) -> [Media] {
        let list = (renditions as? [Any] ?? []).compactMap { $0 as? [String: Any] }.compactMap { r -> Rendition? in
            guard let href = text(r["href"]) else { return nil }
            func int(_ key: String) -> Int? { (NinjsReader.value(r, key) as? NSNumber)?.intValue }
            return Rendition(
                name: text(r["name"]), url: href, type: text(value(r, "contentType")), width: int("width"),
                height: int("height"), length: int("sizeInBytes"))
        }
        guard !list.isEmpty else { return [] }
        let main = list.max { ($0.width ?? 0) * ($0.height ?? 0) < ($1.width ?? 0) * ($1.height ?? 0) } ?? list[0]
        var m = Media(
            url: main.url, type: main.type, length: main.length, caption: caption, credit: credit, width: main.width,
            height: main.height)
        m.medium = medium.flatMap { ["picture": "image", "graphic": "image", "video": "video", "audio": "audio"][$0] }
        if list.count > 1 || (main.name != nil && main.name != "main") { m.renditions = list }
        return [m]
    }
}
