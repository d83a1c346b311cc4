/// Characters XML 1.0 cannot carry (C0 controls other than tab, line feed and carriage
/// return; U+FFFE and U+FFFF), removed from an article read as JSON: the writers would drop
/// them anyway, and a change to the text is something the user is told of (and `--strict`
/// refuses), not something done in silence.
extension Article {
    /// The article without such characters, and how many there were.
    public func removingCharactersXMLCannotCarry() -> (article: Article, removed: Int) {
        var removed = 0
        func clean(_ s: inout String) {
            guard s.utf8.contains(where: { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) || $0 == 0xEF }) else { return }
            let kept = s.unicodeScalars.filter { !Self.xmlCannotCarry($0) }
            removed += s.unicodeScalars.count - kept.count
            if kept.count != s.unicodeScalars.count { s = String(String.UnicodeScalarView(kept)) }
        }
        func clean(_ s: inout String?) {
            guard var value = s else { return }
            clean(&value)
            s = value
        }
        var a = self
        clean(&a.url)
        clean(&a.language)
        clean(&a.title)
        clean(&a.subtitle)
        clean(&a.summary)
        for i in a.body.indices { clean(&a.body[i]) }
        for i in a.authors.indices {
            clean(&a.authors[i].name)
            clean(&a.authors[i].email)
            clean(&a.authors[i].uri)
        }
        for i in a.categories.indices {
            clean(&a.categories[i].term)
            clean(&a.categories[i].scheme)
            clean(&a.categories[i].label)
        }
        for i in a.keywords.indices { clean(&a.keywords[i]) }
        clean(&a.dateline)
        clean(&a.source)
        clean(&a.publisher)
        if a.rights != nil {
            clean(&a.rights!.holder)
            clean(&a.rights!.notice)
        }
        for i in a.media.indices {
            clean(&a.media[i].url)
            clean(&a.media[i].type)
            clean(&a.media[i].caption)
            clean(&a.media[i].credit)
        }
        return removed == 0 ? (self, 0) : (a, removed)
    }

    static func xmlCannotCarry(_ u: Unicode.Scalar) -> Bool {
        (u.value < 0x20 && u.value != 0x09 && u.value != 0x0A && u.value != 0x0D) || u.value == 0xFFFE || u.value == 0xFFFF
    }
}
