import XMLCore

/// `text.control-chars`: Text should not contain C1 control characters, U+FFFD or non-characters.
final class TextControlChars: LintRule {
    static let info = RuleInfo(
        id: "text.control-chars", severity: .warning,
        summary: "Text should not contain C1 control characters, U+FFFD or non-characters.",
        spec: "https://www.w3.org/TR/xml/#charsets", formats: [.rss20, .atom10, .newsml])

    init(options: LintOptions) {}
    func check(_ e: XMLElement, _ out: inout FindingSink) {
        var stack = [e]
        while let x = stack.popLast() {
            for c in x.children {
                switch c {
                case .text(let t):
                    if let bad = t.unicodeScalars.first(where: { (0x80...0x9F).contains($0.value) || $0.value == 0xFFFD || (0xFDD0...0xFDEF).contains($0.value) }) {
                        out.add(info, line: x.line, "\(x.name) contains U+\(String(bad.value, radix: 16, uppercase: true)), a character that should not appear in text")
                        return
                    }
                case .element(let child): stack.append(child)
                }
            }
        }
    }
    func head(_ e: XMLElement, _ out: inout FindingSink) { check(e, &out) }
    func item(_ e: XMLElement, _ out: inout FindingSink) { check(e, &out) }
}
