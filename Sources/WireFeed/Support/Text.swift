extension String {
    /// The string without leading and trailing white space (Unicode-aware: NBSP, BOM and
    /// zero-width spaces count as white space here).
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !TextRules.isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !TextRules.isSpace($0) })!
        return String(scalars[first...last])
    }

    /// Runs of white space collapsed to one ASCII space, trimmed.
    func collapsingWhitespace() -> String {
        // Most text is collapsed already: one look at its bytes, no copy.
        if TextRules.isCollapsed(self) { return self }
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for u in unicodeScalars {
            if TextRules.isSpace(u) {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(u)
            }
        }
        return String(out)
    }
}

enum TextRules {
    /// Whether `collapsingWhitespace()` would return `s` unchanged: no white space (as
    /// ``isSpace(_:)`` counts it) at either end, and none inside but single U+0020s.
    static func isCollapsed(_ s: String) -> Bool {
        var copy = s
        return copy.withUTF8 { b in
            var previousSpace = true  // leading white space is not collapsed
            var i = 0
            let n = b.count
            while i < n {
                let c = b[i]
                if c == 0x20 {
                    if previousSpace { return false }
                    previousSpace = true
                    i += 1
                    continue
                }
                if c < 0x80 {
                    if c >= 0x09 && c <= 0x0D { return false }
                    previousSpace = false
                    i += 1
                    continue
                }
                // Multi-byte: the lead bytes of the other spaces (U+0085, U+00A0, U+1680,
                // U+2000–U+200B, U+2028/9, U+202F, U+205F, U+3000, U+FEFF) are looked at closely.
                if c == 0xC2 || c == 0xE1 || c == 0xE2 || c == 0xE3 || c == 0xEF {
                    var end = i + 1
                    while end < n && b[end] & 0xC0 == 0x80 { end += 1 }
                    let scalar = String(decoding: UnsafeBufferPointer(rebasing: b[i..<end]), as: UTF8.self)
                        .unicodeScalars.first
                    if let scalar, isSpace(scalar) { return false }
                    i = end
                } else {
                    i += 1
                }
                previousSpace = false
            }
            return !previousSpace || n == 0
        }
    }

    @inline(__always)
    static func isSpace(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F,
            0x205F, 0x3000, 0xFEFF:
            true
        default: false
        }
    }
}

/// MIME types by file extension, for media whose type is not given.
public enum MediaType {
    static let byExtension: [String: String] = [
        "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif", "webp": "image/webp",
        "svg": "image/svg+xml", "mp3": "audio/mpeg", "m4a": "audio/mp4", "ogg": "audio/ogg", "wav": "audio/wav",
        "mp4": "video/mp4", "webm": "video/webm", "mov": "video/quicktime", "pdf": "application/pdf",
    ]

    /// The MIME type suggested by a URL's file extension, if any.
    public static func guess(fromURL url: String) -> String? {
        var path = Substring(url)
        if let q = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<q] }
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        return byExtension[path[path.index(after: dot)...].lowercased()]
    }
}
