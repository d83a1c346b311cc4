package import XMLCore

/// Where a feed document keeps its parts: which element is the root, which holds the feed's
/// head and its items, which are items. Each format says it once, in its folder
/// (`RSS/RSSLayout.swift`, `Atom/AtomLayout.swift`, `NewsMLG2/NewsMLLayout.swift`); the
/// format's reader (import) and the feed rules (`wirefeed validate`) both walk a document
/// with it, so the rules judge the parts the importer reads.
package struct DocumentLayout: Sendable {
    /// What an element is in its document.
    package enum Part: Sendable, Equatable {
        /// The document element of a feed (entered: its children are the parts).
        case root
        /// The document element is one item (an Atom entry document, a lone NewsML-G2 item).
        case loneItem
        /// An element that holds head elements and items, entered (RSS's `channel`,
        /// NewsML-G2's `itemSet`).
        case container
        /// A feed-level element (a channel's `title`, a feed's `link`, a NewsML-G2 `header`).
        case head
        /// An item: RSS `item`, Atom `entry`, NewsML-G2 `newsItem`.
        case item
        /// An item beside the container, not in it (RSS 0.9x writers put items there).
        case strayItem
        /// A head element beside the container (RSS 0.9x's `image` and `textinput`).
        case strayHead
        /// RFC 6721's `deleted-entry` in an Atom feed.
        case tombstone
        /// A NewsML-G2 item of a kind wirefeed does not map (`packageItem`, `conceptItem`…).
        case otherItem(String)
        /// An element that is not a part but may hold item-like ones (`items`, an `entry`
        /// beside an RSS channel): read only to say so when a feed gives no articles.
        case unread
    }

    private let format: DocumentFormat

    /// The layout of `format`'s documents; nil for a format with none (JSON).
    package init?(_ format: DocumentFormat) {
        switch format {
        case .rss090, .rss091, .rss092, .rss10, .rss20, .atom03, .atom10, .newsml: self.format = format
        case .jsonfeed10, .jsonfeed11, .ninjs: return nil
        }
    }

    /// What the element at `depth` (`name` in `namespace`) is, in a document whose root is
    /// in `rootNamespace`; `inContainer`: whether it is inside the container. Nil: not a
    /// part (skipped with its content).
    func part(_ name: String, _ namespace: String, depth: Int, rootNamespace: String, inContainer: Bool) -> Part? {
        switch format {
        case .rss090, .rss091, .rss092, .rss10, .rss20:
            Self.rssPart(
                name, namespace, depth: depth, format: format, rootNamespace: rootNamespace, inContainer: inContainer)
        case .atom03, .atom10:
            Self.atomPart(name, namespace, depth: depth, format: format, rootNamespace: rootNamespace)
        case .newsml:
            Self.newsMLPart(name, namespace, depth: depth, inContainer: inContainer)
        case .jsonfeed10, .jsonfeed11, .ninjs:
            nil
        }
    }

    /// Walks the document `r` is at the start of, calling `body` on each part with the base
    /// URI in scope there (`xml:base` of the root, then of the container), the reader on the
    /// part's start tag. `body` reads or skips an item's or a head element's whole subtree
    /// (the root and the container are entered whatever it does); false from `body` stops.
    package func walk(_ r: XMLStreamReader, _ body: (Part, _ base: String?) throws -> Bool) throws {
        var base: String?
        var rootNamespace = ""
        var containerDepth: Int?
        while try r.next() {
            if r.kind == .endElement, r.depth == containerDepth {
                containerDepth = nil
                continue
            }
            guard r.kind == .element else { continue }
            let depth = r.depth
            if depth == 0 { rootNamespace = r.namespaceURI }
            guard
                let part = part(
                    r.localName, r.namespaceURI, depth: depth, rootNamespace: rootNamespace,
                    inContainer: containerDepth != nil)
            else {
                try r.skipElement()
                continue
            }
            switch part {
            case .root:
                base = r.attribute("base", namespace: Namespace.xml).map { URIResolver.resolve($0, against: nil) }
            case .container:
                // An empty one holds nothing.
                if r.isEmptyElement { continue }
                containerDepth = depth
                if let b = r.attribute("base", namespace: Namespace.xml) {
                    base = URIResolver.resolve(b, against: base)
                }
            default:
                break
            }
            if try !body(part, base) { return }
        }
    }
}
