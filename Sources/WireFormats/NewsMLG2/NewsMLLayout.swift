extension DocumentLayout {
    /// NewsML-G2: a `newsMessage` (its `header`, then `itemSet`s of items) or one item alone;
    /// every part in the NAR namespace. Items other than `newsItem` are parts wirefeed does
    /// not map.
    static func newsMLPart(_ name: String, _ namespace: String, depth: Int, inContainer: Bool) -> Part? {
        guard namespace == Namespace.nar else { return nil }
        switch (depth, name) {
        case (0, "newsItem"): return .loneItem
        case (0, "newsMessage"): return .root
        case (0, let other) where other.hasSuffix("Item"): return .otherItem(other)
        case (1, "header"): return .head
        case (1, "itemSet"): return .container
        case (2, "newsItem") where inContainer: return .item
        case (2, let other) where inContainer && other.hasSuffix("Item"): return .otherItem(other)
        default: return nil
        }
    }
}
