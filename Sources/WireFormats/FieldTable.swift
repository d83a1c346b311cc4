public import WireModel

/// How a format carries one of the article's fields: one row of the format's field table,
/// the mapping table of `article-model.md` stated once, in the format's folder
/// (`RSS/RSSFields.swift`, `Atom/AtomFields.swift`…).
///
/// ``OutputFormat/losses(of:)`` is read from the tables. The tests hold each format's writer
/// and reader to its table (`FieldTableTests`: a field said to be carried comes back, one
/// said to be dropped does not), and the round-trip projections clear what a table says is
/// not carried. Each table is a `switch` over `Article.Field` without a default: a new field
/// does not compile until every format says what it does with it.
public struct FieldCarriage: Sendable {
    public enum Extent: Sendable, Equatable {
        /// Written, and read back.
        case whole
        /// Written in part: some articles have something the format drops.
        case part
        /// Not written: the format has no home for it.
        case none
        /// Not written, but acted on: the output is what the field says (RSS publishes only
        /// usable stories, so their status goes without saying).
        case actedOn
    }

    public let extent: Extent
    /// Where the field goes, in the format's own terms (`item/dc:source`); for a field not
    /// written, "" (or, when acted on, how).
    public let home: String
    /// For a part: whether an article has something of the field that the format drops.
    private let drops: (@Sendable (Article) -> Bool)?

    public static func whole(_ home: String) -> Self { Self(extent: .whole, home: home, drops: nil) }

    public static func part(_ home: String, drops: @escaping @Sendable (Article) -> Bool) -> Self {
        Self(extent: .part, home: home, drops: drops)
    }

    public static var none: Self { Self(extent: .none, home: "", drops: nil) }

    public static func actedOn(_ how: String) -> Self { Self(extent: .actedOn, home: how, drops: nil) }

    /// Whether writing `a` leaves something of `field` (which this row is about) out.
    public func loses(_ field: Article.Field, of a: Article) -> Bool {
        switch extent {
        case .whole, .actedOn: false
        case .none: a.has(field)
        case .part: drops?(a) ?? false
        }
    }
}

extension OutputFormat {
    /// How this format carries `field` (its table's row).
    public func carriage(of field: Article.Field) -> FieldCarriage {
        switch self {
        case .rss: .rss(field)
        case .atom: .atom(field)
        case .newsml: .newsML(field)
        case .json: .whole(field.rawValue)
        case .jsonfeed: .jsonFeed(field)
        case .ninjs: .ninjs(field)
        }
    }

    /// The article's fields (as the JSON contract names them, in its order) that this format
    /// has no home for, or can carry only in part, for this article: what a newsroom should
    /// know a format drops before it ships. Only fields the article has are listed.
    public func losses(of a: Article) -> [String] {
        var lost: [String] = []
        for field in Article.Field.allCases where carriage(of: field).loses(field, of: a) {
            lost.append(field.rawValue)
        }
        return lost
    }
}

extension Article {
    /// Whether some medium has a rendition other than a thumbnail (which Media RSS carries as
    /// `media:thumbnail`); feeds have no home for the others.
    var hasNamedRenditions: Bool {
        media.contains { $0.renditions.contains { $0.name != nil && $0.name != "thumbnail" } }
    }

    /// Whether some person has a role other than author.
    var hasOtherRoles: Bool {
        authors.contains { !($0.role == nil || $0.role == .author) }
    }
}
