import Foundation
import WireFormats
import WireModel
import XMLCore

/// Reading a feed that is not well-formed: the whole document is repaired
/// (`XMLRepair`) and read again by the same strict reader, with the same limits. The
/// items the first reading handed on before it failed come again first (a repair never
/// touches what precedes the first error), so they are skipped: every item reaches the
/// handler once.
enum Recovery {
    /// How much of a stream is kept while it is read, to read it again if need be.
    static let streamKept = 16 << 20

    /// The local names of the elements a cut document may leave incomplete.
    static let items: Set<String> = ["item", "entry", "newsItem"]

    static func read(
        _ input: XMLInput, file: String, options: ImportOptions, relay: Relay, failure: XMLError
    ) throws -> [Diagnostic] {
        guard let bytes = whole(input, limit: options.limits.maximumDocumentSize) else { throw failure }
        // A document that holds what the markup guard refuses is refused, not repaired: the
        // events engine's guard looks ahead of libxml2 and meets such a tag before an earlier
        // syntax error, the text reader's (a block at a time) after it; a repair that cut the
        // tag away would make the two engines answer differently.
        if let refusal = MarkupGuard.refusal(of: bytes, file: file) { throw refusal }
        let repaired: XMLRepair.Result
        do {
            repaired = try XMLRepair.repair(bytes, file: file, items: items)
        } catch let refusal as XMLError where refusal.code == .hostile {
            throw refusal
        } catch {
            throw failure
        }
        relay.skip = relay.delivered
        let warnings: [Diagnostic]
        do {
            warnings = try FeedImporter.readOnce(.bytes(repaired.bytes), file: file, options: options, handler: relay)
        } catch let error as XMLError where error.code == .hostile || error.code == .tooLarge {
            throw error
        } catch {
            throw failure
        }
        return repaired.notes.map { diagnostic($0, file: file) } + warnings
    }

    /// The document in memory: a stream's kept bytes and its rest (nil when more than was kept
    /// was read).
    static func whole(_ input: XMLInput, limit: Int) -> [UInt8]? {
        switch input {
        case .bytes(let b): return b
        case .file(let path):
            guard case .success(let b) = Files.read(path, limit: limit) else { return nil }
            return b
        case .stream(let stream): return stream.wholeDocument(limit: limit)
        }
    }

    static func diagnostic(_ note: XMLRepair.Note, file: String) -> Diagnostic {
        let n = note.count
        func times(_ one: String, _ many: String) -> String { n == 1 ? "1 \(one)" : "\(n) \(many)" }
        let d = note.detail
        let message: String
        let rule: String
        switch note.kind {
        case .encoding:
            rule = "recover.encoding"
            message =
                d == "windows-1252"
                ? "\(times("byte", "bytes")) that \(n == 1 ? "is" : "are") not UTF-8 read as windows-1252"
                : "\(times("byte", "bytes")) that \(d) cannot decode read as U+FFFD"
        case .control:
            rule = "recover.control"
            message = "\(times("control character", "control characters")) that XML forbids removed"
        case .entity:
            rule = "recover.entity"
            message = "\(times("entity", "entities")) that XML does not define read as HTML's (first: &\(d);)"
        case .ampersand:
            rule = "recover.ampersand"
            message = "\(times("'&'", "'&'s")) that \(n == 1 ? "starts" : "start") no reference read as text"
        case .charref:
            rule = "recover.charref"
            message = "\(times("reference", "references")) to characters XML forbids read as U+FFFD (first: \(d))"
        case .markup:
            rule = "recover.markup"
            message =
                "\(times("piece", "pieces")) of stray markup read as text or dropped (first: \(d.isEmpty ? "'<' that starts no tag" : d))"
        case .attribute:
            rule = "recover.attribute"
            message = "\(times("malformed attribute", "malformed attributes")) read anyway (first: \(d))"
        case .tag:
            rule = "recover.tag"
            message =
                "\(times("end tag", "end tags")) out of place: elements closed where the document implies (first: \(d))"
        case .truncated:
            rule = "recover.truncated"
            message = "the document is cut off here: what was read before is kept" + (d.isEmpty ? "" : "; \(d)")
        case .doctype:
            rule = "xml.doctype"
            message = "the DOCTYPE's external DTD (\(d)) is ignored (never loaded)"
        case .internalEntity:
            rule = "xml.entity"
            message = "\(times("reference", "references")) to the DOCTYPE's internal entities expanded (first: &\(d);)"
        }
        return Diagnostic(file: file, line: note.line, severity: .warning, message: message, rule: rule)
    }
}

/// Hands on what a reading gives, counting the articles, and skipping those a first
/// reading already handed on.
final class Relay: ImportHandler {
    let target: any ImportHandler
    var begun = false
    var delivered = 0
    var skip = 0

    init(_ target: any ImportHandler) { self.target = target }

    func begin(format: DocumentFormat) throws {
        guard !begun else { return }
        begun = true
        try target.begin(format: format)
    }

    func article(_ article: Article) throws {
        if skip > 0 {
            skip -= 1
            return
        }
        try target.article(article)
        delivered += 1
    }

    func end(feed: Feed?) throws { try target.end(feed: feed) }
}
