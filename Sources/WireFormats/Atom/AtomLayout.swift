extension DocumentLayout {
    /// Atom: `feed`, whose children are its head elements and its `entry`s (and RFC 6721's
    /// tombstones); or an `entry` alone (an entry document).
    static func atomPart(
        _ name: String, _ namespace: String, depth: Int, format: DocumentFormat, rootNamespace: String
    ) -> Part? {
        if depth == 0 { return name == "entry" ? .loneItem : .root }
        guard depth == 1 else { return nil }
        if name == "entry" && namespace == Namespace.atomNamespace(format, rootNamespace: rootNamespace) {
            return .item
        }
        return name == "deleted-entry" && namespace == Namespace.tombstones ? .tombstone : .head
    }
}

extension Namespace {
    /// The namespace of a document's Atom elements: 0.3's, a draft's (the root's), else 1.0's.
    static func atomNamespace(_ format: DocumentFormat, rootNamespace: String) -> String {
        if format == .atom03 { return atom03 }
        return rootNamespace.hasPrefix(atomDraft) ? rootNamespace : atom
    }
}
