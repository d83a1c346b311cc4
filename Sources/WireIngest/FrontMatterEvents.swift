import TextKernel
import WireModel
import YAMLCore

/// Front matter read from libyaml's events straight into an ``ArticlePatch``: no node
/// tree, no Decodable. This is the fast path for what front matter usually is (a block
/// mapping of the article's keys with strings, numbers, dates, lists of people and
/// categories). Anything else — an unknown or repeated key, a value of the wrong shape, a
/// tag, an anchor, a syntax error — gives nil, and ``Metadata/decode(_:yaml:file:firstLine:knownKeys:warnings:)``
/// reads the text the general way, with its errors and warnings. Both give the same patch
/// for every text the fast path accepts (a differential test checks it).
enum FrontMatterEvents {
    static func patch(_ yaml: String) -> ArticlePatch? {
        guard let events = YAMLEvents.read(yaml) else { return nil }
        var reader = Reader(events: events)
        guard let patch = reader.article(), reader.atEnd else { return nil }
        return patch
    }

    /// What a read gives: a value, an explicit null, or a shape the fast path leaves alone.
    private struct Unsupported: Error {}

    struct Reader {
        let events: [YAMLEvents.Event]
        var i = 0

        var atEnd: Bool { i == events.count }

        mutating func next() throws -> YAMLEvents.Event {
            guard i < events.count else { throw Unsupported() }
            defer { i += 1 }
            return events[i]
        }

        /// Null as the general reading (Yams) takes an optional value: a plain `~`, `null`,
        /// `Null` or `NULL`, and an empty scalar, quoted or not.
        static func isNull(_ s: String, plain: Bool) -> Bool {
            s.isEmpty || (plain && (s == "~" || s == "null" || s == "Null" || s == "NULL"))
        }

        mutating func string() throws -> String? {
            guard case .scalar(let s, let plain, _) = try next() else { throw Unsupported() }
            return Self.isNull(s, plain: plain) ? nil : s
        }

        mutating func requiredString() throws -> String {
            guard let s = try string() else { throw Unsupported() }
            return s
        }

        /// A plain decimal integer (`0`, `42`, `-3`); YAML's other spellings go the general way.
        mutating func int() throws -> Int? {
            guard case .scalar(let s, let plain, _) = try next(), plain else { throw Unsupported() }
            if Self.isNull(s, plain: plain) { return nil }
            let digits = s.hasPrefix("-") ? s.dropFirst() : Substring(s)
            guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                digits.count == 1 || !digits.hasPrefix("0"), let n = Int(s)
            else { throw Unsupported() }
            return n
        }

        mutating func timestamp() throws -> Timestamp? {
            guard let s = try string() else { return nil }
            guard let t = DateParser.parseISO8601(s, requireOffset: false) else { throw Unsupported() }
            return t
        }

        /// A sequence of `element`, or nil for an explicit null.
        mutating func list<T>(_ element: (inout Reader) throws -> T) throws -> [T]? {
            switch try next() {
            case .scalar(let s, let plain, _) where Self.isNull(s, plain: plain): return nil
            case .sequenceStart:
                var out: [T] = []
                while true {
                    guard i < events.count else { throw Unsupported() }
                    if case .sequenceEnd = events[i] {
                        i += 1
                        return out
                    }
                    out.append(try element(&self))
                }
            default: throw Unsupported()
            }
        }

        /// A mapping whose keys are among `known` (nil: `value` refuses the others itself), each
        /// once; `value` reads the value of a key. False for an explicit null. The key lists are
        /// a handful of short names: searched, not hashed.
        mutating func mapping(_ known: [String]?, _ value: (inout Reader, String) throws -> Void) throws -> Bool {
            switch try next() {
            case .scalar(let s, let plain, _) where Self.isNull(s, plain: plain): return false
            case .mappingStart:
                // A handful of keys: a list is quicker to search than a set is to build.
                var seen: [String] = []
                while true {
                    let e = try next()
                    if case .mappingEnd = e { return true }
                    guard case .scalar(let key, _, _) = e, known?.contains(key) ?? true, !seen.contains(key) else {
                        throw Unsupported()
                    }
                    seen.append(key)
                    try value(&self, key)
                }
            default: throw Unsupported()
            }
        }

        mutating func strings() throws -> [String]? { try list { try $0.requiredString() } }

        static let personKeys = ["name", "email", "uri", "role"]
        static let categoryKeys = ["term", "scheme", "label"]
        static let rightsKeys = ["holder", "year", "notice"]
        static let renditionKeys = ["name", "url", "type", "width", "height", "length"]
        static let mediumKeys = [
            "url", "type", "medium", "length", "caption", "credit", "width", "height", "renditions",
        ]

        mutating func person() throws -> Person {
            var name: String?
            var p = Person(name: "")
            let given = try mapping(Self.personKeys) { r, key in
                switch key {
                case "name": name = try r.requiredString()
                case "email": p.email = try r.string()
                case "uri": p.uri = try r.string()
                default:
                    if let role = try r.string() {
                        guard let r = Person.Role(rawValue: role) else { throw Unsupported() }
                        p.role = r
                    }
                }
            }
            guard given, let name else { throw Unsupported() }
            p.name = name
            return p
        }

        mutating func category() throws -> WireModel.Category {
            var term: String?
            var c = WireModel.Category(term: "")
            let given = try mapping(Self.categoryKeys) { r, key in
                switch key {
                case "term": term = try r.requiredString()
                case "scheme": c.scheme = try r.string()
                default: c.label = try r.string()
                }
            }
            guard given, let term else { throw Unsupported() }
            c.term = term
            return c
        }

        mutating func rights() throws -> Rights? {
            var rights = Rights()
            let given = try mapping(Self.rightsKeys) { r, key in
                switch key {
                case "holder": rights.holder = try r.string()
                case "year": rights.year = try r.int()
                default: rights.notice = try r.string()
                }
            }
            return given ? rights : nil
        }

        mutating func rendition() throws -> Rendition {
            var url: String?
            var x = Rendition(url: "")
            let given = try mapping(Self.renditionKeys) { r, key in
                switch key {
                case "name": x.name = try r.string()
                case "url": url = try r.requiredString()
                case "type": x.type = try r.string()
                case "width": x.width = try r.int()
                case "height": x.height = try r.int()
                default: x.length = try r.int()
                }
            }
            guard given, let url else { throw Unsupported() }
            x.url = url
            return x
        }

        mutating func medium() throws -> Media {
            var url: String?
            var m = Media(url: "")
            let given = try mapping(Self.mediumKeys) { r, key in
                switch key {
                case "url": url = try r.requiredString()
                case "type": m.type = try r.string()
                case "medium": m.medium = try r.string()
                case "length": m.length = try r.int()
                case "caption": m.caption = try r.string()
                case "credit": m.credit = try r.string()
                case "width": m.width = try r.int()
                case "height": m.height = try r.int()
                default: m.renditions = try r.list { try $0.rendition() } ?? []
                }
            }
            guard given, let url else { throw Unsupported() }
            m.url = url
            return m
        }

        mutating func article() -> ArticlePatch? {
            var p = ArticlePatch()
            do {
                // Every key the switch reads is an article key, and the rest are refused there.
                let given = try mapping(nil) { r, key in
                    switch key {
                    case "id": p.id = try r.string()
                    case "version": p.version = try r.int()
                    case "url": p.url = try r.string()
                    case "title": p.title = try r.string()
                    case "subtitle": p.subtitle = try r.string()
                    case "summary": p.summary = try r.string()
                    case "body": p.body = try r.strings()
                    case "language": p.language = try r.string()
                    case "published": p.published = try r.timestamp()
                    case "updated": p.updated = try r.timestamp()
                    case "authors": p.authors = try r.list { try $0.person() }
                    case "categories": p.categories = try r.list { try $0.category() }
                    case "keywords": p.keywords = try r.strings()
                    case "dateline": p.dateline = try r.string()
                    case "source": p.source = try r.string()
                    case "publisher": p.publisher = try r.string()
                    case "rights": p.rights = try r.rights()
                    case "media": p.media = try r.list { try $0.medium() }
                    case "embargo": p.embargo = try r.timestamp()
                    case "urgency": p.urgency = try r.int()
                    case "status":
                        if let s = try r.string() {
                            guard let status = PublicationStatus(rawValue: s) else { throw Unsupported() }
                            p.status = status
                        }
                    default: throw Unsupported()
                    }
                }
                return given ? p : nil
            } catch {
                return nil
            }
        }
    }
}
