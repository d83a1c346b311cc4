import Foundation
import NewsText
import Testing
import TextKernel
import WireFormats
import XMLCore

@testable import WireFeed

/// The round-trip law: `import(convert(articles)) == articles` for every field the format
/// can carry (the mapping table of `article-model.md`). Each projection below says what a
/// format keeps; everything else must come back exactly.
@Suite struct RoundTripTests {
    static let feed = Feed(
        title: "Round trip", url: "https://rt.example.org/", language: "en", updated: Fixtures.updated)

    static func text(_ s: String?) -> String? {
        guard let s else { return nil }
        let c = Whitespace.collapse(s)
        return c.isEmpty ? nil : c
    }

    /// Fields every format normalises the same way: white space, empty values, a summary that repeats the lead.
    static func common(_ a: Article) -> Article {
        var e = a
        e.title = text(a.title)
        e.body = a.body.compactMap(text)
        e.summary = a.summary.map { s in s.components(separatedBy: "\n\n").compactMap(text).joined(separator: "\n\n") }
            .flatMap { $0.isEmpty ? nil : $0 }
        if e.summary != nil && e.summary == e.body.first { e.summary = nil }
        e.source = text(a.source)
        if a.rights == Rights() { e.rights = nil }
        e.authors = a.authors.map { Person(name: text($0.name) ?? "", email: $0.email, uri: $0.uri, role: $0.role) }
        return e
    }

    /// The article without the fields the format's table says it has no home for (or acts on
    /// without writing): every projection starts so.
    static func carried(_ a: Article, by format: OutputFormat) -> Article {
        let dropped = Article.Field.allCases.filter {
            let extent = format.carriage(of: $0).extent
            return extent == .none || extent == .actedOn
        }
        guard dropped.contains(where: a.has) else { return a }
        // Through the JSON contract: a field left out reads as absent.
        var json = try! JSONSerialization.jsonObject(with: JSONEncoder().encode(a)) as! [String: Any]
        for field in dropped { json[field.rawValue] = nil }
        return try! JSONDecoder().decode(Article.self, from: JSONSerialization.data(withJSONObject: json))
    }

    static func rss(_ a: Article, feed: Feed) -> Article {
        var e = carried(common(a), by: .rss)
        // RSS titles are plain text, but readers (wirefeed's included) decode HTML found in them.
        e.title = a.title.map { FeedText.line($0, html: false) }.flatMap(text)
        e.language = a.language ?? feed.language
        // One date, pubDate (whole seconds): the published time, else the updated one.
        if let p = a.published ?? a.updated {
            e.published = Timestamp(seconds: p.seconds, offsetMinutes: p.offsetMinutes)
        }
        e.updated = nil
        // Only authors are creators: a lone author with an e-mail address is <author>, others
        // dc:creator (names only); the other roles are dc:contributor (read back as contributors).
        let creators = e.authors.filter { $0.role == nil || $0.role == .author }
        let others = e.authors.filter { !($0.role == nil || $0.role == .author) }
        e.authors =
            (creators.count == 1 && creators[0].email != nil
                ? [Person(name: creators[0].name, email: creators[0].email)] : creators.map { Person(name: $0.name) })
            + others.map { Person(name: $0.name, role: .contributor) }
        e.categories = a.categories.map { Category(term: text($0.term) ?? "", scheme: $0.scheme) }
        e.rights = a.rights?.displayNotice.flatMap(Rights.fromNotice)
        e.media = a.media.enumerated().map { i, m in
            var x = m
            // The first medium is also the enclosure, whose type is required (guessed when unknown).
            if i == 0 { x.type = m.type ?? MediaType.guess(fromURL: m.url) ?? "application/octet-stream" }
            // The medium is written: the one given, else what the type (or the file name) says.
            x.medium =
                m.medium
                ?? (x.type ?? MediaType.guess(fromURL: m.url)).flatMap { t in
                    ["image", "video", "audio"].first { t.hasPrefix($0 + "/") }
                }
            x.renditions = []
            x.caption = text(m.caption)
            x.credit = text(m.credit)
            return x
        }
        return e
    }

    static func atom(_ a: Article, feed: Feed) -> Article {
        var e = carried(common(a), by: .atom)
        // Atom requires a title: a missing one is derived from the lead.
        e.title = text(a.displayTitle)
        e.language = a.language ?? feed.language
        e.updated = a.updated ?? a.published ?? feed.updated
        // author vs contributor: the other roles read back as contributor.
        e.authors = e.authors.map { p in
            var q = p
            q.role = (p.role == nil || p.role == .author) ? nil : .contributor
            return q
        }
        // Attribute values: XML normalises their white space.
        e.categories = a.categories.map {
            Category(term: text($0.term) ?? "", scheme: $0.scheme, label: text($0.label))
        }
        e.rights = a.rights?.displayNotice.flatMap(Rights.fromNotice)
        e.media = a.media.map { m in
            var x = Media(
                url: m.url, type: m.type ?? MediaType.guess(fromURL: m.url), length: m.length, caption: text(m.caption))
            // Media RSS says what an enclosure link cannot: dimensions, credit, the medium.
            if m.credit != nil || m.width != nil || m.height != nil || m.renditions.count > 1 || m.medium != nil {
                x.width = m.width.flatMap { $0 > 0 ? $0 : nil }
                x.height = m.height.flatMap { $0 > 0 ? $0 : nil }
                x.credit = text(m.credit)
                x.medium =
                    m.medium ?? x.type.flatMap { t in ["image", "video", "audio"].first { t.hasPrefix($0 + "/") } }
            }
            return x
        }
        return e
    }

    static func newsml(_ a: Article, feed: Feed) -> Article {
        var e = carried(common(a), by: .newsml)
        e.title = text(NewsMLWriter.headline(a))
        e.subtitle = text(a.subtitle)
        e.version = a.version ?? 1
        e.updated = a.updated ?? a.published ?? feed.updated
        e.keywords = a.keywords.compactMap(text)
        e.dateline = text(a.dateline)
        e.publisher = text(a.publisher ?? feed.title)
        e.authors = e.authors.map { p in
            Person(name: p.name, uri: p.uri, role: p.role == .author ? nil : p.role)
        }
        e.categories = a.categories.map { c in
            if c.scheme == Category.iptcMediaTopics {
                return Category(term: c.term, scheme: c.scheme, label: text(c.label))
            }
            return Category(
                term: (c.scheme ?? "") + (c.scheme == nil ? text(c.term) ?? "" : c.term), label: text(c.label))
        }
        if let r = a.rights, r.holder != nil || r.displayNotice != nil {
            var x = r.displayNotice.flatMap(Rights.fromNotice) ?? Rights()
            x.holder = text(r.holder) ?? x.holder
            e.rights = x
        }
        // Pictures, video and audio are items of their own, linked from the text item; video
        // and audio say what they are.
        e.media = a.media.filter { $0.kind != nil }.map { m in
            var x = m
            x.type = m.type ?? MediaType.guess(fromURL: m.url) ?? "application/octet-stream"
            x.caption = text(m.caption)
            x.credit = text(m.credit)
            x.width = m.width.flatMap { $0 > 0 ? $0 : nil }
            x.height = m.height.flatMap { $0 > 0 ? $0 : nil }
            x.medium = m.kind == "image" ? m.medium : m.kind
            return x
        }
        return e
    }

    /// JSON Feed keeps the text, the dates, the authors (role author; their URI, else their
    /// e-mail address as a mailto: link), tags (category terms, then keywords), the item's
    /// language and attachments (URL, MIME type, size, title); nothing else has a home there.
    static func jsonfeed(_ a: Article, feed: Feed) -> Article {
        var e = carried(common(a), by: .jsonfeed)
        e.url = a.url.flatMap { URIText.encoded($0) }
        e.summary = text(a.summary)
        e.authors = a.authors.filter { $0.role == nil || $0.role == .author }.compactMap { p in
            let uri = p.uri.flatMap { URIText.encoded($0) }
            let email = uri == nil ? p.email : nil
            guard let name = text(p.name) ?? email ?? (uri != nil ? "" : nil) else { return nil }
            return Person(name: name, email: email, uri: uri)
        }
        var tags: [String] = []
        for t in a.categories.map(\.term) + a.keywords where !t.isEmpty && !tags.contains(t) { tags.append(t) }
        e.categories = tags.compactMap(text).map { Category(term: $0) }
        e.media = a.media.map { m in
            let url = URIText.encoded(m.url) ?? m.url
            var x = Media(
                url: url, type: m.type ?? MediaType.guess(fromURL: m.url) ?? "application/octet-stream",
                caption: text(m.caption))
            if let length = m.length, length > 0 { x.length = length }
            return x
        }
        return e
    }

    /// ninjs keeps nearly everything but the link, keywords and the publisher; people keep
    /// their role (none reads as author); a category's scheme is what its URI adds to its term.
    static func ninjs(_ a: Article) -> Article {
        var e = carried(common(a), by: .ninjs)
        e.subtitle = text(a.subtitle)
        e.summary = text(a.summary)
        e.updated = a.updated == a.published ? nil : a.updated
        e.dateline = text(a.dateline)
        e.rights = nil
        if let r = a.rights, r.holder != nil || (r.notice ?? r.displayNotice) != nil {
            let holder = text(r.holder)
            let notice = text(r.notice ?? r.displayNotice)
            e.rights = holder == nil && notice == nil ? nil : Rights(holder: holder, notice: notice)
        }
        e.authors = a.authors.compactMap { p in
            guard let name = text(p.name) else { return nil }
            let uri = p.uri.flatMap { URIText.encoded($0) }
            return Person(name: name, email: uri == nil ? p.email : nil, uri: uri, role: p.role ?? .author)
        }
        e.categories = a.categories.compactMap { c in
            guard let term = text(c.term) else { return nil }
            let uri = c.scheme.flatMap { URIText.encoded($0 + c.term) }
            let scheme = uri.flatMap {
                $0.hasSuffix(term) && $0.count > term.count ? String($0.dropLast(term.count)) : nil
            }
            return Category(term: term, scheme: scheme, label: text(c.label))
        }
        e.media = a.media.map { m in
            let type = m.type ?? MediaType.guess(fromURL: m.url)
            var x = Media(
                url: URIText.encoded(m.url) ?? m.url, type: type, length: m.length.flatMap { $0 > 0 ? $0 : nil },
                caption: text(m.caption), credit: text(m.credit), width: m.width.flatMap { $0 > 0 ? $0 : nil },
                height: m.height.flatMap { $0 > 0 ? $0 : nil })
            let kind = m.medium ?? (type ?? "").split(separator: "/").first.map(String.init)
            x.medium = ["image": "image", "video": "video", "audio": "audio"][kind ?? ""]
            return x
        }
        return e
    }

    static func project(_ a: Article, _ format: OutputFormat, _ feed: Feed) -> Article {
        switch format {
        case .rss: rss(a, feed: feed)
        case .atom: atom(a, feed: feed)
        case .jsonfeed: jsonfeed(a, feed: feed)
        case .ninjs: ninjs(a)
        default: newsml(a, feed: feed)
        }
    }

    func roundTrip(_ articles: [Article], format: OutputFormat, feed: Feed) throws {
        let bytes = try Converter.render(articles, feed: feed, format: format, updated: Fixtures.updated)
        let (doc, _) = try FeedImporter.document(.bytes(bytes), file: "roundtrip.\(format)")
        #expect(doc.articles.count == articles.count)
        for (original, back) in zip(articles, doc.articles) {
            // The format's field table (which losses(of:) reads) against what came back: a
            // field it says the format carries whole comes back, one it says the format has no
            // home for never does (parts are what the projections below spell out).
            for field in Article.Field.allCases {
                switch format.carriage(of: field).extent {
                case .whole:
                    if original.has(field) && !back.has(field) {
                        Issue.record("\(format) \(original.id): \(field), carried whole, did not come back")
                    }
                case .none, .actedOn:
                    if back.has(field) { Issue.record("\(format) \(original.id): \(field) came back from nowhere") }
                case .part: break
                }
            }
            let expected = Self.project(original, format, feed)
            if back != expected {
                let fields = Article.CodingKeys.allCases.map(\.stringValue)
                let e = try JSONSerialization.jsonObject(with: JSONEncoder().encode(expected)) as! [String: Any]
                let b = try JSONSerialization.jsonObject(with: JSONEncoder().encode(back)) as! [String: Any]
                let diff = fields.filter { !((e[$0] as? NSObject)?.isEqual(b[$0]) ?? (b[$0] == nil)) }
                Issue.record(
                    "\(format) \(original.id): \(diff.isEmpty ? "\(expected)\n  vs \(back)" : "")\(diff.map { "\($0): expected \(e[$0] ?? "nil"), got \(b[$0] ?? "nil")" }.joined(separator: "; "))"
                )
            }
        }
    }

    @Test(arguments: [OutputFormat.rss, .atom, .newsml, .jsonfeed, .ninjs])
    func fixtures(_ format: OutputFormat) throws {
        try roundTrip(try Fixtures.articles(), format: format, feed: Self.feed)
    }

    @Test(arguments: [OutputFormat.rss, .atom, .newsml, .jsonfeed, .ninjs], [UInt64(1), 2, 3, 4, 5])
    func generated(_ format: OutputFormat, _ seed: UInt64) throws {
        try roundTrip(Generated.articles(count: 80, seed: seed), format: format, feed: Self.feed)
    }

    @Test(arguments: [OutputFormat.rss, .atom, .newsml, .jsonfeed])
    func feedMetadata(_ format: OutputFormat) throws {
        let feed = Fixtures.feed
        let bytes = try Converter.render([], feed: feed, format: format, updated: Fixtures.updated)
        let (doc, _) = try FeedImporter.document(.bytes(bytes), file: "feed.\(format)")
        let f = try #require(doc.feed)
        switch format {
        case .rss:
            #expect(
                f.title == feed.title && f.url == feed.url && f.subtitle == feed.subtitle && f.selfURL == feed.selfURL)
            #expect(f.updated == feed.updated && f.logo == feed.logo)
            #expect(f.rights?.notice == feed.rights?.notice)
            #expect(f.authors.map(\.email) == feed.authors.map(\.email))
        case .atom:
            #expect(f.id == feed.id && f.title == feed.title && f.subtitle == feed.subtitle && f.url == feed.url)
            #expect(f.selfURL == feed.selfURL && f.updated == feed.updated && f.logo == feed.logo)
            #expect(f.authors == feed.authors && f.rights?.notice == feed.rights?.notice)
            #expect(f.generator == "wirefeed")
        case .jsonfeed:
            #expect(f.title == feed.title && f.url == feed.url && f.subtitle == feed.subtitle)
            #expect(f.selfURL == feed.selfURL && f.logo == feed.logo && f.language == feed.language)
            #expect(f.authors.map(\.email) == feed.authors.map(\.email))
        default:
            #expect(f.id == feed.id && f.updated == Fixtures.updated)
            #expect(f.authors.map(\.name) == feed.authors.map(\.name))
        }
    }

    /// A WebSub hub and RFC 5005 paging links come back from every feed format.
    @Test(arguments: [OutputFormat.rss, .atom, .jsonfeed])
    func hubAndPaging(_ format: OutputFormat) throws {
        var feed = Self.feed
        feed.hub = "https://hub.example.org/"
        feed.paging = Paging(
            first: "https://rt.example.org/feed", next: "https://rt.example.org/feed?page=2",
            prevArchive: "https://rt.example.org/archive/3", archive: true)
        let bytes = try Converter.render(
            Generated.articles(count: 3, seed: 9), feed: feed, format: format, updated: Fixtures.updated)
        let (doc, _) = try FeedImporter.document(.bytes(bytes), file: "paged.\(format)")
        let f = try #require(doc.feed)
        #expect(f.hub == feed.hub)
        if format == .jsonfeed {
            #expect(f.paging == Paging(next: feed.paging?.next), "JSON Feed has next_url only")
        } else {
            #expect(f.paging == feed.paging)
        }
    }
}
