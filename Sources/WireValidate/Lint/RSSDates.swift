import TextKernel
import WireModel
import XMLCore

/// Reading RSS dates for the date rules.
enum RSSDates {
    static let names: Set<String> = ["pubDate", "lastBuildDate"]

    /// The text of a pubDate/lastBuildDate element (RSS core namespace), or nil for other elements.
    static func text(_ e: XMLElement) -> String? {
        guard e.namespace.isEmpty, names.contains(e.name) else { return nil }
        let t = e.text.trimmingWhitespace()
        return t.isEmpty ? nil : t
    }

    /// The pubDate elements of an item.
    static func itemDates(_ item: XMLElement) -> [XMLElement] {
        item.elements.filter { $0.namespace.isEmpty && $0.name == "pubDate" }
    }

    /// The date and what was lenient about it, or nil when it is no RFC 822 date at all.
    static func parse(_ text: String) -> (Timestamp, DateParser.Notes)? {
        var notes: DateParser.Notes = []
        guard let t = DateParser.parseRFC822(text, notes: &notes) else { return nil }
        return (t, notes)
    }
}
