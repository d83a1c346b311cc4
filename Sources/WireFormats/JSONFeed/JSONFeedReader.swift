import Foundation
import TextKernel
import WireModel
import XMLCore

/// Reads JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/) into the article model: the
/// inverse of ``JSONFeedWriter``'s mapping, and what real feeds carry besides (1.0's
/// `author`, numeric ids, `image` without an attachment).
package enum JSONFeedReader {
    /// Whether bytes look like a JSON document (a `{` first, after white space and a BOM).
    package static func looksLikeJSON(_ head: [UInt8]) -> Bool {
        var i = head.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while i < head.count, head[i] == 0x20 || head[i] == 0x0A || head[i] == 0x0D || head[i] == 0x09 { i += 1 }
        return i < head.count && head[i] == UInt8(ascii: "{")
    }

    /// Reads a whole JSON Feed document; throws an ``XMLError`` naming the file when it is
    /// not JSON or not a JSON Feed.
    package static func read(_ bytes: [UInt8], _ context: inout ImportContext) throws -> DocumentFormat {
        let file = context.file
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes), options: [])
        } catch {
            throw XMLError(.notWellFormed, file: file, line: 1, "not valid JSON (\(Self.reason(error)))")
        }
        guard let top = object as? [String: Any], let version = top["version"] as? String,
            version.hasPrefix("https://jsonfeed.org/version/")
        else {
            throw XMLError(
                .notWellFormed, file: file, line: 1,
                "a JSON document that is not a JSON Feed (no \"version\": \"https://jsonfeed.org/version/1.1\")")
        }
        let format: DocumentFormat = version.hasSuffix("/1") ? .jsonfeed10 : .jsonfeed11
        try context.handler.begin(format: format)
        let items = top["items"] as? [Any] ?? []
        for (n, raw) in items.enumerated() {
            guard let item = raw as? [String: Any] else {
                context.warn(1, "item \(n + 1) is not an object; left out", rule: "jsonfeed.item")
                continue
            }
            guard let id = Self.id(item["id"]) else {
                context.warn(1, "item \(n + 1) has no id; left out", rule: "jsonfeed.item")
                continue
            }
            guard try context.emit(Self.article(item, id: id, context: &context), line: 1) else { break }
        }
        try context.handler.end(feed: Self.feed(top))
        return format
    }

    static func reason(_ error: any Error) -> String {
        (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
    }

    /// An item id as a string: JSON Feed says to read a number as its text.
    static func id(_ value: Any?) -> String? {
        if let s = value as? String { return s.trimmingWhitespace().isEmpty ? nil : s.trimmingWhitespace() }
        if let n = value as? NSNumber { return n.stringValue }
        return nil
    }

    /// A string value with its white space collapsed; nil when it is none or empty.
    static func text(_ value: Any?) -> String? {
        guard let s = value as? String else { return nil }
        let t = Whitespace.collapse(s)
        return t.isEmpty ? nil : t
    }

    static func people(_ item: [String: Any]) -> [Person] {
        var list = (item["authors"] as? [Any] ?? []).compactMap { $0 as? [String: Any] }
        if list.isEmpty, let one = item["author"] as? [String: Any] { list = [one] }
        return list.compactMap { URIText.person(name: text($0["name"]), link: text($0["url"])) }
    }

    static func article(_ item: [String: Any], id: String, context: inout ImportContext) -> Article {
        var a = Article(id: id)
        a.url = text(item["url"]) ?? text(item["external_url"])
        a.title = text(item["title"])
        a.summary = text(item["summary"])
        if let plain = item["content_text"] as? String {
            a.body = HTMLReducer.plainParagraphs(plain)
        } else if let html = item["content_html"] as? String {
            a.body = FeedText.paragraphs(html, html: true, base: a.url)
        }
        a.language = text(item["language"])
        a.published = dateValue(item["date_published"], "date_published", &context)
        a.updated = dateValue(item["date_modified"], "date_modified", &context)
        a.authors = people(item)
        a.categories = (item["tags"] as? [Any] ?? []).compactMap { text($0) }.map { Category(term: $0) }
        for raw in item["attachments"] as? [Any] ?? [] {
            guard let m = raw as? [String: Any], let url = text(m["url"]) else { continue }
            var medium = Media(url: url, type: text(m["mime_type"]), caption: text(m["title"]))
            if let size = (m["size_in_bytes"] as? NSNumber)?.intValue, size > 0 { medium.length = size }
            a.media.append(medium)
        }
        if let image = text(item["image"]), !a.media.contains(where: { $0.url == image }) {
            a.media.insert(Media(url: image, type: MediaType.guess(fromURL: image)), at: 0)
        }
        return a
    }

    static func dateValue(_ value: Any?, _ what: String, _ context: inout ImportContext) -> Timestamp? {
        guard let s = text(value) else { return nil }
        var notes: DateParser.Notes = []
        guard let t = DateParser.parseAny(s, notes: &notes) else {
            context.warn(1, "\(what) '\(s.prefix(60))' is not a date wirefeed can read; left out", rule: "date")
            return nil
        }
        return t
    }

    static func feed(_ top: [String: Any]) -> Feed {
        var f = Feed()
        f.title = text(top["title"])
        f.url = text(top["home_page_url"])
        f.selfURL = text(top["feed_url"])
        f.subtitle = text(top["description"])
        f.logo = text(top["icon"])
        f.language = text(top["language"])
        f.authors = people(top)
        for hub in top["hubs"] as? [Any] ?? [] {
            if let h = hub as? [String: Any], let url = text(h["url"]) { f.hub = f.hub ?? url }
        }
        if let next = text(top["next_url"]) { f.paging = Paging(next: next) }
        return f
    }
}
