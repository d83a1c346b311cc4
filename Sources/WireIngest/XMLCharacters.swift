import TextKernel
public import WireModel
import XMLCore

/// Characters XML 1.0 cannot carry (C0 controls other than tab, line feed and carriage
/// return; U+FFFE and U+FFFF), removed from an article read as JSON: the writers would drop
/// them anyway, and a change to the text is something the user is told of (and `--strict`
/// refuses), not something done in silence.
extension Article {
    /// The article without such characters, and how many there were.
    public func removingCharactersXMLCannotCarry() -> (article: Article, removed: Int) {
        var removed = 0
        func clean(_ s: inout String) {
            guard Self.mayHoldCharactersXMLCannotCarry(s) else { return }
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

    /// Whether `s` holds a C0 control other than tab, LF and CR, or U+FFFE or U+FFFF (EF BF BE,
    /// EF BF BF): eight bytes at a time, since every string of every article is asked.
    package static func mayHoldCharactersXMLCannotCarry(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { buf -> Bool in
            guard let base = buf.baseAddress else { return false }
            var i = 0
            let n = buf.count
            while i + 8 <= n {
                let w = ByteWords.load(base + i)
                // Some byte below 0x20, or some byte 0xEF: look at these eight closely.
                if !ByteWords.hasByte(below: 0x20, w) && ByteWords.matches(w, 0xEF) == 0 {
                    i += 8
                    continue
                }
                for k in i..<(i + 8) where isIllegal(buf, k) { return true }
                i += 8
            }
            while i < n {
                if isIllegal(buf, i) { return true }
                i += 1
            }
            return false
        }
    }

    @inline(__always)
    private static func isIllegal(_ buf: UnsafeBufferPointer<UInt8>, _ k: Int) -> Bool {
        let b = buf[k]
        if b < 0x20 { return b != 0x09 && b != 0x0A && b != 0x0D }
        return b == 0xEF && k + 2 < buf.count && buf[k + 1] == 0xBF && (buf[k + 2] == 0xBE || buf[k + 2] == 0xBF)
    }

    package static func xmlCannotCarry(_ u: Unicode.Scalar) -> Bool {
        (u.value < 0x20 && u.value != 0x09 && u.value != 0x0A && u.value != 0x0D) || u.value == 0xFFFE
            || u.value == 0xFFFF
    }
}
