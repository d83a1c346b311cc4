/// What makes a document Atom: its namespaces and its root.
extension Namespace {
    /// Atom 1.0 (RFC 4287).
    package static let atom = "http://www.w3.org/2005/Atom"
    /// The Atom 0.3 draft.
    package static let atom03 = "http://purl.org/atom/ns#"
    /// RFC 6721's tombstones (`at:deleted-entry`).
    package static let tombstones = "http://purl.org/atompub/tombstones/1.0"
    /// The prefix of the namespaces of Atom's drafts before RFC 4287.
    package static let atomDraft = "http://purl.org/atom/ns#draft-ietf-atompub-format-"
    package static let xhtml = "http://www.w3.org/1999/xhtml"
}

extension DocumentFormat {
    /// The local names of Atom roots: a feed, or an entry document.
    static let atomRoots: Set<String> = ["feed", "entry"]

    /// Atom 1.0: `<feed>` or a lone `<entry>` (RFC 4287 §4.1.2) in its namespace; Atom 0.3: `<feed>`.
    static func atom(root local: String, namespace: String) -> DocumentFormat? {
        switch (local, namespace) {
        case ("feed", Namespace.atom), ("entry", Namespace.atom): .atom10
        case ("feed", Namespace.atom03): .atom03
        // The drafts before RFC 4287 (draft-ietf-atompub-format-NN) read as 1.0, in their namespace.
        case ("feed", _) where namespace.hasPrefix(Namespace.atomDraft): .atom10
        default: nil
        }
    }
}
