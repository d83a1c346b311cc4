import Foundation
import TextKernel
package import WireFormats
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
        var base: String?
        var inChannel = false
        while try r.next() {
            guard r.kind == .element else { continue }
            let depth = r.depth
            let name = r.localName
            let ns = r.namespaceURI
            if depth == 0 {
                let root = XMLElement(
                    name: name, namespace: ns,
                    attributes: r.attributes.map {
                        XMLAttribute(name: $0.name, namespace: $0.namespace, value: $0.value)
                    }, line: r.line, lang: r.xmlLang, base: nil)
                base = root.attribute("base", namespace: Namespace.xml)
                if (format == .atom10 && name == "entry") || (format == .newsml && name == "newsItem") {
                    let e = try r.readElement(base: nil, shallow: format == .newsml ? ["inlineXML"] : [])
                    _ = send(.item(e))
                    return
                }
                if !send(.root(root)) { return }
                continue
            }
            switch format {
            case .rss20, .rss091, .rss092:
                if depth == 1 {
                    if name == "channel" && ns.isEmpty && !r.isEmptyElement {
                        inChannel = true
                        let channel = XMLElement(
                            name: name, namespace: ns, attributes: [], line: r.line, lang: r.xmlLang, base: base)
                        if !send(.head(channel)) { return }
                    } else {
                        try r.skipElement()
                    }
                    continue
                }
                guard inChannel && depth == 2 else {
                    try r.skipElement()
                    continue
                }
                let e = try r.readElement(base: base)
                if !send(name == "item" && ns.isEmpty ? .item(e) : .head(e)) { return }
            case .rss10, .rss090:
                // RDF: channel, image, textinput and the items are siblings under rdf:RDF.
                guard depth == 1 else {
                    try r.skipElement()
                    continue
                }
                let e = try r.readElement(base: base)
                let itemNamespace = format == .rss10 ? Namespace.rss10 : Namespace.rss090
                if !send(name == "item" && ns == itemNamespace ? .item(e) : .head(e)) { return }
            case .atom10:
                guard depth == 1 else {
                    try r.skipElement()
                    continue
                }
                let e = try r.readElement(base: base)
                if !send(name == "entry" && ns == Namespace.atom ? .item(e) : .head(e)) { return }
            case .newsml:
                if depth == 1 && name == "header" {
                    let e = try r.readElement(base: nil)
                    if !send(.head(e)) { return }
                } else if depth == 2 && name == "newsItem" {
                    // The XHTML body is not looked at by any rule: not built.
                    let e = try r.readElement(base: nil, shallow: ["inlineXML"])
                    if !send(.item(e)) { return }
                } else if depth >= 2 {
                    try r.skipElement()
                }
            default:
                return
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
}
