/// What makes a document NewsML-G2: its namespace and its roots.
extension Namespace {
    /// NewsML-G2's namespace (NAR: News Architecture).
    package static let nar = "http://iptc.org/std/nar/2006-10-01/"
}

extension DocumentFormat {
    /// The NewsML-G2 items that can be a document's root.
    static let newsMLRoots: Set<String> = [
        "newsItem", "newsMessage", "packageItem", "conceptItem", "knowledgeItem", "planningItem", "catalogItem",
    ]

    /// NewsML-G2: one of its item roots (or a `newsMessage`) in the NAR namespace.
    static func newsML(root local: String, namespace: String) -> DocumentFormat? {
        namespace == Namespace.nar && newsMLRoots.contains(local) ? .newsml : nil
    }
}
