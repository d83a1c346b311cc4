import Foundation
import TextKernel
package import WireFormats
import WireModel
import Workers
package import XMLCore

/// Runs the feed rules over a document, streaming: the head and each item are read as
/// small trees and handed to every rule; memory stays flat in the number of items.
package enum LintEngine {
    /// Findings of all rules for the document (which must be well-formed: run after the schema check).
    package static func run(_ input: XMLInput, file: String, format: DocumentFormat, options: LintOptions)
        -> [Diagnostic]
    {
        let rules = RuleRegistry.make(for: format, options: options)
        guard !rules.isEmpty else { return [] }
        var out = FindingSink(file: file)
        do {
            let reader = try XMLStreamReader(input, file: file)
            try walk(reader, format: format, rules: rules, out: &out)
        } catch {
            // Not well-formed: the schema check has reported it already.
            return out.diagnostics
        }
        for r in rules { r.finish(&out) }
        return out.diagnostics
    }

    /// Runs the rules on a reader that may also be validating (one pass for both), reading
    /// the document to its end. Throws when the document is not well-formed.
    ///
    /// `pipelined` (for large documents): the rules run on a second thread while this one
    /// reads (and validates), in document order; the findings are the same.
    package static func run(
        reader: XMLStreamReader, file: String, format: DocumentFormat, options: LintOptions, pipelined: Bool = false
    ) throws -> [Diagnostic] {
        let rules = RuleRegistry.make(for: format, options: options)
        var out = FindingSink(file: file)
        if !rules.isEmpty {
            if pipelined {
                try walkPipelined(reader, format: format, rules: rules, out: &out)
            } else {
                try walk(reader, format: format, rules: rules, out: &out)
            }
        }
        try reader.readToEnd()
        for r in rules { r.finish(&out) }
        return out.diagnostics
    }

    /// What the reading loop hands the rules.
    enum Piece: Sendable {
        case root(XMLElement)
        case head(XMLElement)
        case item(XMLElement)
    }

    static func walk(_ r: XMLStreamReader, format: DocumentFormat, rules: [any LintRule], out: inout FindingSink) throws
    {
        try read(r, format: format) { piece in
            apply(piece, rules, &out)
            return true
        }
    }

    static func apply(_ piece: Piece, _ rules: [any LintRule], _ out: inout FindingSink) {
        switch piece {
        case .root(let e): for rule in rules { rule.root(e, &out) }
        case .head(let e): for rule in rules { rule.head(e, &out) }
        case .item(let e): for rule in rules { rule.item(e, &out) }
        }
    }

    /// ``walk(_:format:rules:out:)`` with the rules on a second thread (see ``Handoff``).
    static func walkPipelined(
        _ r: XMLStreamReader, format: DocumentFormat, rules: [any LintRule], out: inout FindingSink
    ) throws {
        var state = (rules, out)
        try Pipeline.run(
            &state,
            consume: { s, piece in
                apply(piece, s.0, &s.1)
                return true
            }
        ) { send in try read(r, format: format, send: send) }
        out = state.1
    }

    /// Reads the document, handing the root, head elements and items to `send` as small
    /// trees (false from `send`: stop).
    static func read(_ r: XMLStreamReader, format: DocumentFormat, send: (Piece) -> Bool) throws {
        guard let layout = DocumentLayout(format) else { return }
        // NewsML-G2 items are judged on their metadata: the XHTML body is not built.
        let shallow: Set<String> = format == .newsml ? ["inlineXML"] : []
        // Bases are not NewsML-G2's.
        let usesBase = format != .newsml
        // The document element, with its attributes (what the rules on roots look at).
        func root() -> XMLElement {
            XMLElement(
                name: r.localName, namespace: r.namespaceURI,
                attributes: r.attributes.map { XMLAttribute(name: $0.name, namespace: $0.namespace, value: $0.value) },
                line: r.line, lang: r.xmlLang, base: nil)
        }
        try layout.walk(r) { part, base in
            switch part {
            case .root:
                // Atom 0.3 has no rules beyond its root.
                return send(.root(root())) && format != .atom03
            case .otherItem where r.depth == 0:
                // A NewsML-G2 item of another kind alone: its root is judged, nothing in it.
                let element = root()
                try r.skipElement()
                return send(.root(element))
            case .loneItem:
                _ = send(.item(try r.readElement(base: nil, shallow: shallow)))
                return false
            case .container:
                // The channel's start, for the rules that look at the channel as a whole
                // (an element without children; its own elements follow as head elements).
                guard format != .newsml else { return true }
                return send(
                    .head(
                        XMLElement(
                            name: r.localName, namespace: r.namespaceURI, attributes: [], line: r.line,
                            lang: r.xmlLang, base: base)))
            case .head, .tombstone:
                return send(.head(try r.readElement(base: usesBase ? base : nil, shallow: shallow)))
            case .item:
                return send(.item(try r.readElement(base: usesBase ? base : nil, shallow: shallow)))
            case .strayItem, .strayHead, .otherItem, .unread:
                // Beside the channel, or of a kind no rule reads.
                try r.skipElement()
                return true
            }
        }
    }
}

/// Checks the rules share.
enum Check {
    /// An absolute http(s) URL without spaces, with a host.
    static func isAbsoluteHTTP(_ s: String) -> Bool {
        uriShape(s) == .http
    }

    /// An absolute URI of any scheme (`tag:`, `urn:`, `mailto:`, `http:`...), without spaces.
    static func isAbsoluteURI(_ s: String) -> Bool {
        let shape = uriShape(s)
        return shape == .http || shape == .other
    }

    enum URIShape { case notAbsolute, http, other }

    /// What a URI looks like, on its UTF-8 bytes (surrounding white space ignored): a scheme
    /// (a letter, then letters, digits, + - .) and a colon; for http(s), "//" and a host; no
    /// white space inside.
    static func uriShape(_ s: String) -> URIShape {
        var copy = s
        return copy.withUTF8 { b -> URIShape in
            var start = 0
            var end = b.count
            while start < end, Whitespace.isXMLSpace(b[start]) {
                start += 1
            }
            while end > start, Whitespace.isXMLSpace(b[end - 1]) {
                end -= 1
            }
            guard start < end, (b[start] | 0x20) >= 0x61, (b[start] | 0x20) <= 0x7A else { return .notAbsolute }
            var i = start + 1
            while i < end,
                (b[i] | 0x20) >= 0x61 && (b[i] | 0x20) <= 0x7A || (b[i] >= 0x30 && b[i] <= 0x39) || b[i] == 0x2B
                    || b[i] == 0x2D || b[i] == 0x2E
            { i += 1 }
            guard i < end, b[i] == UInt8(ascii: ":") else { return .notAbsolute }
            for k in (i + 1)..<max(i + 1, end) where Whitespace.isXMLSpace(b[k]) {
                return .notAbsolute
            }
            let scheme = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self).lowercased()
            guard scheme == "http" || scheme == "https" else { return .other }
            // "//" and a host.
            guard i + 3 < end, b[i + 1] == UInt8(ascii: "/"), b[i + 2] == UInt8(ascii: "/"),
                b[i + 3] != UInt8(ascii: "/")
            else { return .notAbsolute }
            return .http
        }
    }

    /// BCP 47 (RFC 5646) language tag, well-formed: a 2–3 letter primary language
    /// (4–8 letter registered languages are not used by feeds), then subtags.
    static func isBCP47(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first else { return false }
        let primaryOK = (2...3).contains(first.count) && first.allSatisfy { $0.isASCII && $0.isLetter }
        let privateUse = first == "x" || first == "i"
        guard primaryOK || privateUse, parts.count <= 8 else { return false }
        for p in parts.dropFirst() {
            guard (1...8).contains(p.count), p.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                return false
            }
        }
        return true
    }

    /// Text of an element, trimmed.
    static func text(_ e: XMLElement?) -> String { e.map { $0.text.trimmingWhitespace() } ?? "" }

    /// What makes a URI or IRI reference malformed (RFC 3986/3987), or nil: white space or
    /// control characters inside, characters no URI may hold, a `%` that is no escape, a
    /// scheme that is not one. Surrounding white space is ignored; non-ASCII letters are fine.
    /// `iri`: non-ASCII characters are allowed (Atom); else they must be percent-encoded.
    /// `trimmed`: white space around the value is ignored (RSS element text); else it is an error.
    static func uriSyntaxProblem(_ raw: String, iri: Bool = true, trimmed: Bool = true) -> String? {
        let v = raw.trimmingWhitespace()
        guard !v.isEmpty else { return nil }
        if !trimmed && v.utf8.count != raw.utf8.count { return "it begins or ends with white space" }
        for c in v.unicodeScalars {
            if !iri && c.value >= 0x80 {
                return "it holds '\(c)', which a URI carries percent-encoded (RSS links are URIs)"
            }
            if c.value <= 0x20 || c.value == 0x7F || (c.value >= 0x80 && c.value <= 0x9F) {
                return c.value == 0x20 ? "it contains a space" : "it contains white space or a control character"
            }
            if "<>\"{}|\\^`".unicodeScalars.contains(c) { return "it contains '\(c)'" }
        }
        let bytes = Array(v.utf8)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%") {
                guard i + 2 < bytes.count, isHex(bytes[i + 1]), isHex(bytes[i + 2]) else {
                    return "'%' is not followed by two hex digits"
                }
                i += 3
                continue
            }
            i += 1
        }
        // A scheme: what comes before the first ':' when no '/', '?' or '#' comes first.
        if let colon = bytes.firstIndex(of: UInt8(ascii: ":")),
            !bytes[..<colon].contains(where: {
                $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#")
            })
        {
            let scheme = bytes[..<colon]
            guard let first = scheme.first, isLetter(first),
                scheme.allSatisfy({
                    isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2B || $0 == 0x2D || $0 == 0x2E
                })
            else {
                return "'\(String(decoding: scheme, as: UTF8.self))' is not a scheme"
            }
        }
        return nil
    }

    static func isHex(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "f"))
    }
    static func isLetter(_ c: UInt8) -> Bool { c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "z") }

    /// A W3C-DTF date (https://www.w3.org/TR/NOTE-datetime): `YYYY`, `YYYY-MM`, `YYYY-MM-DD`,
    /// or `YYYY-MM-DDThh:mm[:ss[.s+]]TZD` (a time needs its zone). Nil when it is not one.
    static func w3cdtf(_ v: String) -> Timestamp? {
        let b = Array(v.utf8)
        func digits(_ from: Int, _ n: Int) -> Int? {
            guard from + n <= b.count else { return nil }
            var x = 0
            for k in from..<(from + n) {
                guard b[k] >= 0x30 && b[k] <= 0x39 else { return nil }
                x = x * 10 + Int(b[k] - 0x30)
            }
            return x
        }
        guard let year = digits(0, 4) else { return nil }
        if b.count == 4 { return Timestamp(rfc3339: String(format: "%04d-01-01T00:00:00Z", year)) }
        guard b.count >= 7, b[4] == UInt8(ascii: "-"), let month = digits(5, 2), (1...12).contains(month) else {
            return nil
        }
        if b.count == 7 { return Timestamp(rfc3339: String(format: "%04d-%02d-01T00:00:00Z", year, month)) }
        guard b.count >= 10, b[7] == UInt8(ascii: "-"), let day = digits(8, 2), (1...31).contains(day) else {
            return nil
        }
        if b.count == 10 { return Timestamp(rfc3339: String(format: "%04d-%02d-%02dT00:00:00Z", year, month, day)) }
        guard b[10] == UInt8(ascii: "T"), let hour = digits(11, 2), b.count >= 16, b[13] == UInt8(ascii: ":"),
            let minute = digits(14, 2), hour < 24, minute < 60
        else { return nil }
        var i = 16
        var seconds = "00"
        if i < b.count && b[i] == UInt8(ascii: ":") {
            guard let s = digits(i + 1, 2), s < 61 else { return nil }
            seconds = String(format: "%02d", s)
            i += 3
            if i < b.count && b[i] == UInt8(ascii: ".") {
                i += 1
                let start = i
                while i < b.count && b[i] >= 0x30 && b[i] <= 0x39 { i += 1 }
                guard i > start else { return nil }
            }
        }
        let zone = String(decoding: b[i...], as: UTF8.self)
        guard
            zone == "Z"
                || (zone.utf8.count == 6 && (zone.hasPrefix("+") || zone.hasPrefix("-"))
                    && digits(i + 1, 2) != nil && b[i + 3] == UInt8(ascii: ":") && digits(i + 4, 2) != nil)
        else { return nil }
        return Timestamp(
            rfc3339: String(format: "%04d-%02d-%02dT%02d:%02d:", year, month, day, hour, minute) + seconds + zone)
    }
}
