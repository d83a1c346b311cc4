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
        if let u = a.urgency {
            j.key("urgency")
            j.int(u)
        }
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
        if !a.authors.isEmpty {
            j.key("people")
            j.open("[")
            for p in a.authors {
                j.element()
                j.open("{")
                j.opt("name", p.name)
                j.opt("rel", (p.role ?? .author).rawValue)
                j.opt("uri", p.uri.flatMap { URIText.encoded($0) } ?? p.email.map { "mailto:" + $0 })
                j.close("}")
            }
            j.close("]")
        }
        if !a.categories.isEmpty {
            j.key("subjects")
            j.open("[")
            for s in a.categories {
                j.element()
                j.open("{")
                j.opt("name", s.label)
                j.opt("literal", s.term)
                j.opt("uri", s.scheme.flatMap { URIText.encoded($0 + s.term) })
                j.close("}")
            }
            j.close("]")
        }
        j.opt("located", a.dateline)
        if let source = a.source {
            j.key(k("infoSources", c))
            j.open("[")
            j.element()
            j.open("{")
            j.opt("name", source)
            j.opt("role", "source")
            j.close("}")
            j.close("]")
        }
        if !a.media.isEmpty {
            j.key("associations")
            j.open("[")
            for (n, m) in a.media.enumerated() {
                j.element()
                j.open("{")
                j.opt("name", "medium\(n + 1)")
                j.opt("uri", URIText.encoded(m.url) ?? m.url)
                j.opt(
                    "type",
                    m.medium.flatMap { ["image": "picture", "video": "video", "audio": "audio"][$0] } ?? kind(of: m))
                texts("descriptions", m.caption.map { [("caption", $0)] } ?? [], camelCase: c, into: &j)
                if let credit = m.credit { j.opt("by", credit) }
                j.key("renditions")
                j.open("[")
                let all =
                    m.renditions.isEmpty
                    ? [Rendition(url: m.url, type: m.type, width: m.width, height: m.height, length: m.length)]
                    : m.renditions
                for (index, r) in all.enumerated() {
                    j.element()
                    j.open("{")
                    // ninjs requires a name: the given one, else `main` for a lone rendition.
                    j.opt("name", r.name ?? (all.count == 1 ? "main" : "rendition\(index + 1)"))
                    j.opt("href", URIText.encoded(r.url) ?? r.url)
                    j.opt(k("contentType", c), r.type ?? MediaType.guess(fromURL: r.url))
                    for (key, value) in [("width", r.width), ("height", r.height), (k("sizeInBytes", c), r.length)] {
                        if let value, value > 0 {
                            j.key(key)
                            j.int(value)
                        }
                    }
                    j.close("}")
                }
                j.close("]")
                j.close("}")
            }
            j.close("]")
        }
        j.close("}")
    }

    /// A picture, video or audio by MIME type (else by file name); `component` when unknown.
    static func kind(of m: Media) -> String {
        let type = m.type ?? MediaType.guess(fromURL: m.url) ?? ""
        if type.hasPrefix("image/") { return "picture" }
        if type.hasPrefix("video/") { return "video" }
        if type.hasPrefix("audio/") { return "audio" }
        return "component"
    }

    static func texts(_ key: String, _ list: [(String, String)], camelCase c: Bool, into j: inout JSONBuilder) {
        guard !list.isEmpty else { return }
        j.key(key)
        j.open("[")
        for (role, value) in list {
            j.element()
            j.open("{")
            j.opt("role", role)
            j.opt(k("contentType", c), "text/plain")
            j.opt("value", value)
            j.close("}")
        }
        j.close("]")
    }
}
