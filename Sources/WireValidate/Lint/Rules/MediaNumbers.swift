import TextKernel
import WireFormats
import XMLCore

/// `media.numbers`: Media RSS sizes and counts are numbers: `fileSize`, `width`, `height`,
/// `channels` positive integers, `duration` a whole number of seconds, `bitrate`,
/// `framerate`, `samplingrate` positive numbers.
final class MediaNumbers: LintRule {
    static let info = RuleInfo(
        id: "media.numbers", severity: .error,
        summary: "Media RSS fileSize, width, height, channels, duration, bitrate... are positive numbers.",
        spec: "https://www.rssboard.org/media-rss#media-content", formats: .feeds)

    static let positiveIntegers = ["fileSize", "width", "height", "channels"]
    static let positiveNumbers = ["bitrate", "framerate", "samplingrate"]

    init(options: LintOptions) {}
    func visit(_ e: XMLElement, _ out: inout FindingSink) {
        var stack = [e]
        while let x = stack.popLast() {
            stack += x.elements
            guard x.namespace == Namespace.media, x.name == "content" || x.name == "thumbnail" else { continue }
            let integers = x.name == "content" ? Self.positiveIntegers : ["width", "height"]
            for name in integers {
                if let v = x.attribute(name), !Self.isPositiveInteger(v) {
                    out.add(info, line: x.line, "media:\(x.name) \(name)='\(v.prefix(40))' is not a positive integer")
                }
            }
            guard x.name == "content" else { continue }
            if let v = x.attribute("duration"), !Self.isInteger(v) {
                out.add(info, line: x.line, "media:content duration='\(v.prefix(40))' is not a whole number of seconds")
            }
            for name in Self.positiveNumbers {
                if let v = x.attribute(name), !((Double(v.trimmingWhitespace()) ?? 0) > 0) || !Self.isDecimal(v) {
                    out.add(info, line: x.line, "media:content \(name)='\(v.prefix(40))' is not a positive number")
                }
            }
        }
    }

    static func isInteger(_ v: String) -> Bool {
        let t = v.trimmingWhitespace()
        return !t.isEmpty && t.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
    static func isPositiveInteger(_ v: String) -> Bool { isInteger(v) && v.utf8.contains { $0 > 0x30 && $0 <= 0x39 } }
    static func isDecimal(_ v: String) -> Bool {
        let t = v.trimmingWhitespace()
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count <= 2 && parts.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
    }

    func head(_ e: XMLElement, _ out: inout FindingSink) { visit(e, &out) }
    func item(_ e: XMLElement, _ out: inout FindingSink) { visit(e, &out) }
}
