import TextKernel
public import WireModel
public import XMLCore

/// Writes IPTC ninjs (https://iptc.org/standards/ninjs/), one document per article, as JSON
/// Lines: each line is a whole ninjs object, valid by the schema of its version (3.1 by
/// default, 2.2 on request: the same content, 2.2's lower-case keys).
///
/// Mapping: `uri` ← id; `type` text; `version`; `firstCreated` ← published, `versionCreated`
/// ← updated (else published); `embargoedUntil`, `pubStatus`, `urgency`; `copyrightHolder`
/// and `copyrightNotice`; `language`; `headlines` (main ← title, sub ← subtitle);
/// `descriptions` (summary); `bodies` (the paragraphs as plain text, separated by a blank
/// line); `by` (the authors' names) and `people` (every byline person, `rel` its role);
/// `subjects` (`literal` ← term, `name` ← label, `uri` ← scheme + term); `located` ←
/// dateline; `infoSources` (source); media as `associations`, each a picture/video/audio
/// object with its `renditions`. Keywords and the publisher have no home in ninjs.
public final class NinjsWriter: FeedWriter {
    let sink: any ByteSink
    /// `3.1` or `2.2`.
    let version: String

    public init(feed: Feed, context: WriteContext, sink: any ByteSink) {
        self.sink = sink
        self.version = context.ninjsVersion
    }

    public func begin() throws {}
    public func finish() throws {}

    public func write(_ a: Article) throws {
        var j = JSONBuilder()
        Self.encode(a, camelCase: version != "2.2", into: &j)
        j.raw("\n")
        try sink.write(j.text)
    }

    /// A key in the version's spelling: 3.x camelCase, 2.x lower case.
    static func k(_ key: String, _ camelCase: Bool) -> String { camelCase ? key : key.lowercased() }

    static func encode(_ a: Article, camelCase c: Bool, into j: inout JSONBuilder) {
        j.open("{")
        j.key("uri")
        j.string(a.id)
        j.opt("type", "text")
        j.opt("version", a.version.map(String.init))
        j.opt(k("firstCreated", c), a.published?.rfc3339)
        j.opt(k("versionCreated", c), (a.updated ?? a.published)?.rfc3339)
        j.opt(c ? "embargoedUntil" : "embargoed", a.embargo?.rfc3339)
        j.opt(k("pubStatus", c), a.status?.rawValue)
        j.opt("urgency", a.urgency)
        j.opt(k("copyrightHolder", c), a.rights?.holder)
        j.opt(k("copyrightNotice", c), a.rights?.notice ?? a.rights?.displayNotice)
        j.opt("language", a.language)
        var headlines: [(String, String)] = []
        if let t = a.title, !t.trimmingWhitespace().isEmpty { headlines.append(("main", t)) }
        if let s = a.subtitle { headlines.append(("sub", s)) }
        texts("headlines", headlines, camelCase: c, into: &j)
        texts("descriptions", a.summary.map { [("summary", $0)] } ?? [], camelCase: c, into: &j)
        texts(
            "bodies", a.body.isEmpty ? [] : [("main", a.body.joined(separator: "\n\n"))], camelCase: c, into: &j)
        let authors = a.authors.filter { $0.role == nil || $0.role == .author }.map(\.name).filter { !$0.isEmpty }
        if !authors.isEmpty { j.opt("by", authors.joined(separator: ", ")) }
        j.objects("people", a.authors) { j, p in
            j.opt("name", p.name)
            j.opt("rel", (p.role ?? .author).rawValue)
            j.opt("uri", URIText.link(of: p))
        }
        j.objects("subjects", a.categories) { j, s in
            j.opt("name", s.label)
            j.opt("literal", s.term)
            j.opt("uri", s.scheme.flatMap { URIText.encoded($0 + s.term) })
        }
        j.opt("located", a.dateline)
        j.objects(k("infoSources", c), a.source.map { [$0] } ?? []) { j, source in
            j.opt("name", source)
            j.opt("role", "source")
        }
        j.objects("associations", Array(a.media.enumerated())) { j, numbered in
            let (n, m) = numbered
            j.opt("name", "medium\(n + 1)")
            j.opt("uri", URIText.encoded(m.url) ?? m.url)
            // A picture, video or audio (by medium, type or file name); `component` when unknown.
            j.opt("type", ["image": "picture", "video": "video", "audio": "audio"][m.kind ?? ""] ?? "component")
            texts("descriptions", m.caption.map { [("caption", $0)] } ?? [], camelCase: c, into: &j)
            j.opt("by", m.credit)
            let all =
                m.renditions.isEmpty
                ? [Rendition(url: m.url, type: m.type, width: m.width, height: m.height, length: m.length)]
                : m.renditions
            j.objects("renditions", Array(all.enumerated())) { j, numbered in
                let (index, r) = numbered
                // ninjs requires a name: the given one, else `main` for a lone rendition.
                j.opt("name", r.name ?? (all.count == 1 ? "main" : "rendition\(index + 1)"))
                j.opt("href", URIText.encoded(r.url) ?? r.url)
                j.opt(k("contentType", c), r.type ?? MediaType.guess(fromURL: r.url))
                for (key, value) in [("width", r.width), ("height", r.height), (k("sizeInBytes", c), r.length)] {
                    j.opt(key, value.flatMap { $0 > 0 ? $0 : nil })
                }
            }
        }
        j.close("}")
    }

    static func texts(_ key: String, _ list: [(String, String)], camelCase c: Bool, into j: inout JSONBuilder) {
        j.objects(key, list) { j, entry in
            j.opt("role", entry.0)
            j.opt(k("contentType", c), "text/plain")
            j.opt("value", entry.1)
        }
    }
}
