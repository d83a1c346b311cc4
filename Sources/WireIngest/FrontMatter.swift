import Foundation
import TextKernel
import WireFormats
public import WireModel
package import XMLCore
import YAMLCore
import Yams

/// YAML (or JSON, which is YAML) metadata: article front matter and `--feed` files.
package enum Metadata {
    /// Decodes `T` from YAML text; errors name the file, the line and the key.
    package static func decode<T: Decodable>(
        _ type: T.Type, yaml: String, file: String, firstLine: Int, knownKeys: Set<String>,
        warnings: inout [Diagnostic]
    ) throws(IngestError) -> T {
        // The composer and the decoder recurse once per nesting level and copy an aliased
        // node per alias: libyaml's events are judged first (depth, aliases expanded).
        if let problem = YAMLShape.check(yaml) {
            throw IngestError(file: file, line: firstLine + problem.line, message: problem.message)
        }
        // The common case, a block mapping of known keys, is decoded with one parse; the
        // YAML is composed into a node tree too (a second parse) only to name unknown keys
        // or to say precisely what is wrong.
        if let keys = simpleTopLevelKeys(yaml), keys.allSatisfy(knownKeys.contains),
            let value = try? YAMLDecoder().decode(T.self, from: yaml)
        {
            return value
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw IngestError(
                file: file, line: firstLine + yamlLine(error), message: "unreadable YAML: \(yamlMessage(error))")
        } catch {
            throw IngestError(file: file, line: firstLine, message: "unreadable YAML: \(error)")
        }
        guard let node else {
            throw IngestError(file: file, line: firstLine, message: "the metadata block is empty")
        }
        guard let mapping = node.mapping else {
            throw IngestError(
                file: file, line: firstLine + (node.mark?.line ?? 0),
                message: "metadata must be a mapping of keys to values")
        }
        for (key, _) in mapping {
            guard let k = key.string, !knownKeys.contains(k) else { continue }
            let line = firstLine + (key.mark?.line ?? 1) - 1
            warnings.append(
                Diagnostic(
                    file: file, line: line, severity: .warning, message: "unknown key '\(k)' ignored",
                    rule: "metadata.key"))
        }
        do {
            return try YAMLDecoder().decode(T.self, from: yaml)
        } catch let error as DecodingError {
            let (path, detail) = describe(error)
            var line = firstLine
            if let first = path.first, let (k, _) = mapping.first(where: { $0.key.string == first }) {
                line = firstLine + (k.mark?.line ?? 1) - 1
            }
            throw IngestError(
                file: file, line: line, message: "metadata key '\(path.joined(separator: "."))': \(detail)")
        } catch {
            throw IngestError(file: file, line: firstLine, message: "unreadable metadata: \(error)")
        }
    }

    /// The keys of a block mapping whose every top-level line is `key:` with a plain key
    /// (letters, digits, `_`, `-`), comments and indented continuation lines aside; nil for
    /// anything else (flow style, JSON, quoted or complex keys, document markers).
    static func simpleTopLevelKeys(_ yaml: String) -> [String]? {
        var keys: [String] = []
        for line in yaml.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
            guard let first = line.first else { continue }
            if first == 0x20 || first == 0x09 || first == 0x0D || first == UInt8(ascii: "#") { continue }
            guard (first | 0x20) >= 0x61 && (first | 0x20) <= 0x7A || first == UInt8(ascii: "_") else { return nil }
            var end = line.startIndex
            while end < line.endIndex {
                let c = line[end]
                guard
                    (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "_")
                        || c == UInt8(ascii: "-")
                else { break }
                end = line.index(after: end)
            }
            var colon = end
            while colon < line.endIndex && line[colon] == 0x20 { colon = line.index(after: colon) }
            guard colon < line.endIndex, line[colon] == UInt8(ascii: ":") else { return nil }
            let after = line.index(after: colon)
            guard after == line.endIndex || line[after] == 0x20 || line[after] == 0x0D || line[after] == 0x09 else {
                return nil
            }
            keys.append(String(decoding: line[line.startIndex..<end], as: UTF8.self))
        }
        return keys.isEmpty ? nil : keys
    }

    private static func yamlLine(_ error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line - 1
        default:
            return 0
        }
    }

    private static func yamlMessage(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        default:
            return "\(error)"
        }
    }

    private static func describe(_ error: DecodingError) -> ([String], String) {
        switch error {
        case .typeMismatch(let type, let c):
            return (c.codingPath.map(\.stringValue), "expected \(typeName(type))")
        case .valueNotFound(let type, let c):
            return (c.codingPath.map(\.stringValue), "expected \(typeName(type)), found nothing")
        case .keyNotFound(let key, let c):
            return ((c.codingPath + [key]).map(\.stringValue), "is required")
        case .dataCorrupted(let c):
            return (c.codingPath.map(\.stringValue), c.debugDescription)
        @unknown default:
            return ([], "\(error)")
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type: "an integer"
        default: "a \(type)"
        }
        // Arrays and maps fall through to their Swift names, which are readable enough.
    }
}

/// Article keys given in front matter, each optional: what is given wins over inference.
struct ArticlePatch: Decodable, Equatable {
    var id: String?
    var version: Int?
    var url: String?
    var title: String?
    var subtitle: String?
    var summary: String?
    var body: [String]?
    var language: String?
    var published: Timestamp?
    var updated: Timestamp?
    var authors: [Person]?
    var categories: [Category]?
    var keywords: [String]?
    var dateline: String?
    var source: String?
    var publisher: String?
    var rights: Rights?
    var media: [Media]?
    var embargo: Timestamp?
    var urgency: Int?
    var status: PublicationStatus?

    static let keys = Set(Article.CodingKeys.allCases.map(\.stringValue))

    init() {}
}

extension Metadata {
    /// The known key nearest to `key` (at most two edits, case aside), for a suggestion.
    static func closest(_ key: String, in known: [String]) -> String? {
        let k = Array(key.lowercased())
        let best = known.map { ($0, EditDistance.between(k, Array($0.lowercased()))) }.min { $0.1 < $1.1 }
        return best.flatMap { $0.1 <= 2 ? $0.0 : nil }
    }
}

extension Feed {
    /// Reads feed metadata from a YAML or JSON file.
    public static func load(path: String) throws(IngestError) -> Feed {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw IngestError(
                file: path, message: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw IngestError(file: path, message: "is not UTF-8 text")
        }
        var warnings: [Diagnostic] = []
        let known = Feed.CodingKeys.allCases.map(\.stringValue)
        let feed = try Metadata.decode(
            Feed.self, yaml: text, file: path, firstLine: 1, knownKeys: Set(known), warnings: &warnings)
        // A typo in the feed's metadata (`titel:`) would publish without the title: an error.
        if let unknown = warnings.first(where: { $0.rule == "metadata.key" }) {
            let key = unknown.message.split(separator: "'").dropFirst().first.map(String.init) ?? ""
            let hint = Metadata.closest(key, in: known).map { " (did you mean '\($0)'?)" } ?? ""
            throw IngestError(
                file: path, line: unknown.line,
                message: "unknown key '\(key)'\(hint); the keys are \(known.joined(separator: ", "))")
        }
        let outputs = OutputFormat.allCases.map(\.rawValue)
        if let odd = feed.selfURLs.keys.sorted().first(where: { !outputs.contains($0) }) {
            let hint = Metadata.closest(odd, in: outputs).map { " (did you mean '\($0)'?)" } ?? ""
            throw IngestError(
                file: path,
                message:
                    "selfURL names '\(odd)'\(hint), which is not an output; a selfURL mapping names \(outputs.joined(separator: ", "))"
            )
        }
        return feed
    }
}
