extension DocumentLayout {
    /// RSS 0.91–2.0: `<rss>`, its `channel`, and the channel's elements, of which `item`s are
    /// the items (in no namespace, or in the one the root is in). RSS 0.9x writers also put
    /// items, the image and the text input beside the channel.
    /// RSS 0.90 and 1.0 (RDF): the channel, the image, the text input and the items are all
    /// children of `rdf:RDF`; the channel is read whole as a head element.
    static func rssPart(
        _ name: String, _ namespace: String, depth: Int, format: DocumentFormat, rootNamespace: String,
        inContainer: Bool
    ) -> Part? {
        if depth == 0 { return .root }
        let isRDF = format == .rss10 || format == .rss090
        let core = format == .rss10 ? Namespace.rss10 : format == .rss090 ? Namespace.rss090 : rootNamespace
        if isRDF {
            guard depth == 1 else { return nil }
            return name == "item" && namespace == core ? .item : .head
        }
        if depth == 1 {
            if namespace == core {
                switch name {
                case "channel": return .container
                case "item": return .strayItem
                case "image", "textinput": return .strayHead
                default: break
                }
            }
            return name == "item" || name == "entry" || name == "items" ? .unread : nil
        }
        guard depth == 2 && inContainer else { return nil }
        return name == "item" && namespace == core ? .item : .head
    }
}
