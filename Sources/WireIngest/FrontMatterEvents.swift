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
            // Lengths first: only one and four can be null, so a value is seldom compared.
            let n = s.utf8.count
            return n == 0 || (plain && (n == 1 ? s == "~" : n == 4 && (s == "null" || s == "Null" || s == "NULL")))
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

        /// A mapping whose keys are among `keys`, each once; `value` reads the value of a key.
        /// False for an explicit null.
        mutating func mapping<K>(_ keys: KeyTable<K>, _ value: (inout Reader, K) throws -> Void) throws -> Bool {
            switch try next() {
            case .scalar(let s, let plain, _) where Self.isNull(s, plain: plain): return false
            case .mappingStart:
                var seen: UInt64 = 0
                while true {
                    let e = try next()
                    if case .mappingEnd = e { return true }
                    guard case .scalar(let name, _, _) = e, let (k, key) = keys.key(name), seen & (1 << k) == 0 else {
                        throw Unsupported()
                    }
                    seen |= 1 << k
                    try value(&self, key)
                }
            default: throw Unsupported()
            }
        }

        mutating func strings() throws -> [String]? { try list { try $0.requiredString() } }

        enum PersonKey: String, CaseIterable { case name, email, uri, role }
        enum CategoryKey: String, CaseIterable { case term, scheme, label }
        enum RightsKey: String, CaseIterable { case holder, year, notice }
        enum RenditionKey: String, CaseIterable { case name, url, type, width, height, length }
        enum MediumKey: String, CaseIterable {
            case url, type, medium, length, caption, credit, width, height, renditions
        }
        static let articleKeys = KeyTable(Article.Field.self)
        static let personKeys = KeyTable(PersonKey.self)
        static let categoryKeys = KeyTable(CategoryKey.self)
        static let rightsKeys = KeyTable(RightsKey.self)
        static let renditionKeys = KeyTable(RenditionKey.self)
        static let mediumKeys = KeyTable(MediumKey.self)

        mutating func person() throws -> Person {
            var name: String?
            var p = Person(name: "")
            let given = try mapping(Self.personKeys) { r, key in
                switch key {
                case .name: name = try r.requiredString()
                case .email: p.email = try r.string()
                case .uri: p.uri = try r.string()
                case .role:
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
                case .term: term = try r.requiredString()
                case .scheme: c.scheme = try r.string()
                case .label: c.label = try r.string()
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
                case .holder: rights.holder = try r.string()
                case .year: rights.year = try r.int()
                case .notice: rights.notice = try r.string()
                }
            }
            return given ? rights : nil
        }

        mutating func rendition() throws -> Rendition {
            var url: String?
            var x = Rendition(url: "")
            let given = try mapping(Self.renditionKeys) { r, key in
                switch key {
                case .name: x.name = try r.string()
                case .url: url = try r.requiredString()
                case .type: x.type = try r.string()
                case .width: x.width = try r.int()
                case .height: x.height = try r.int()
                case .length: x.length = try r.int()
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
                case .url: url = try r.requiredString()
                case .type: m.type = try r.string()
                case .medium: m.medium = try r.string()
                case .length: m.length = try r.int()
                case .caption: m.caption = try r.string()
                case .credit: m.credit = try r.string()
                case .width: m.width = try r.int()
                case .height: m.height = try r.int()
                case .renditions: m.renditions = try r.list { try $0.rendition() } ?? []
                }
            }
            guard given, let url else { throw Unsupported() }
            m.url = url
            return m
        }

        mutating func article() -> ArticlePatch? {
            var p = ArticlePatch()
            do {
                // The article's keys are the JSON contract's fields.
                let given = try mapping(Self.articleKeys) { r, key in
                    switch key {
                    case .id: p.id = try r.string()
                    case .version: p.version = try r.int()
                    case .url: p.url = try r.string()
                    case .title: p.title = try r.string()
                    case .subtitle: p.subtitle = try r.string()
                    case .summary: p.summary = try r.string()
                    case .body: p.body = try r.strings()
                    case .language: p.language = try r.string()
                    case .published: p.published = try r.timestamp()
                    case .updated: p.updated = try r.timestamp()
                    case .authors: p.authors = try r.list { try $0.person() }
                    case .categories: p.categories = try r.list { try $0.category() }
                    case .keywords: p.keywords = try r.strings()
                    case .dateline: p.dateline = try r.string()
                    case .source: p.source = try r.string()
                    case .publisher: p.publisher = try r.string()
                    case .rights: p.rights = try r.rights()
                    case .media: p.media = try r.list { try $0.medium() }
                    case .embargo: p.embargo = try r.timestamp()
                    case .urgency: p.urgency = try r.int()
                    case .status:
                        if let s = try r.string() {
                            guard let status = PublicationStatus(rawValue: s) else { throw Unsupported() }
                            p.status = status
                        }
                    }
                }
                return given ? p : nil
            } catch {
                return nil
            }
        }
    }
}

/// The keys of a mapping, found by their length and first and last bytes, then compared once:
/// a `switch` over strings compares each case in turn, and every case that does not match
/// goes through the standard library's general (Unicode) comparison.
struct KeyTable<Key: RawRepresentable & CaseIterable & Sendable>: Sendable where Key.RawValue == String {
    private let cases: [Key]
    private let keys: [[UInt8]]
    /// A key's index plus one (0: empty), by hash; 128 slots for at most 64 keys.
    private let slots: [UInt8]

    init(_: Key.Type) {
        cases = Array(Key.allCases)
        keys = cases.map { Array($0.rawValue.utf8) }
        precondition(keys.count <= 64, "a key table holds at most 64 keys")
        var slots = [UInt8](repeating: 0, count: 128)
        for (k, key) in keys.enumerated() {
            var i = Self.hash(key.count, key.first ?? 0, key.last ?? 0)
            while slots[i] != 0 { i = (i + 1) & 127 }
            slots[i] = UInt8(k + 1)
        }
        self.slots = slots
    }

    private static func hash(_ count: Int, _ first: UInt8, _ last: UInt8) -> Int {
        (count &* 31 &+ Int(first) &* 7 &+ Int(last)) & 127
    }

    /// The key spelled `name`, with its index among the keys, or nil.
    func key(_ name: String) -> (index: Int, key: Key)? {
        index(of: name).map { ($0, cases[$0]) }
    }

    /// The index of the key spelled `name`, or nil.
    func index(of name: String) -> Int? {
        var name = name
        return name.withUTF8 { b -> Int? in
            guard let first = b.first, let last = b.last else { return nil }
            var i = Self.hash(b.count, first, last)
            while slots[i] != 0 {
                let k = Int(slots[i] - 1)
                if keys[k].count == b.count && keys[k].elementsEqual(b) { return k }
                i = (i + 1) & 127
            }
            return nil
        }
    }
}
