import Foundation
import XMLCore

/// JSON documents `import` reads: a JSON Feed, or IPTC ninjs (one document, or a JSON Lines
/// stream of them, as `convert --to ninjs` writes).
package enum JSONDocuments {
    /// A JSON Feed, or IPTC ninjs (one document, or JSON Lines of them).
    package static func read(_ bytes: [UInt8], _ context: inout ImportContext) throws {
        let file = context.file
        if let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] {
            if NinjsReader.isNinjs(object) && object["items"] == nil {
                try context.handler.begin(format: .ninjs)
                if let a = NinjsReader.article(object) { _ = try context.emit(a, line: 1) }
                try context.handler.end(feed: nil)
                return
            }
            _ = try JSONFeedReader.read(bytes, &context)
            return
        }
        // JSON Lines of ninjs documents.
        var lineNo = 0
        var begun = false
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNo += 1
            guard line.contains(where: { $0 != 0x20 && $0 != 0x0D && $0 != 0x09 }) else { continue }
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
                if !begun { _ = try JSONFeedReader.read(bytes, &context) }  // says what is wrong with the JSON
                throw XMLError(.notWellFormed, file: file, line: lineNo, "not valid JSON (a ninjs JSON Lines stream)")
            }
            guard NinjsReader.isNinjs(object), let a = NinjsReader.article(object) else {
                throw XMLError(.notWellFormed, file: file, line: lineNo, "not a ninjs document (no \"uri\")")
            }
            if !begun {
                try context.handler.begin(format: .ninjs)
                begun = true
            }
            guard try context.emit(a, line: lineNo) else { break }
        }
        if begun { try context.handler.end(feed: nil) }
    }

}
