internal import CLibYAML

/// The shape of a YAML text as libyaml's parser reports it, event by event, before any
/// composer builds a tree from it: how deep its collections nest and how large the
/// document becomes once every alias stands for the node it names.
///
/// A composer and a decoder recurse once per nesting level (a deep document overflows the
/// stack) and copy an aliased node once per alias (a few kilobytes of `*a` fan out into
/// gigabytes). libyaml's parser itself keeps its state on the heap and reads in one pass,
/// so judging the events first bounds both, whatever the text looks like: comments,
/// quotes, escapes and block or flow style are the parser's business, not a text scan's.
public enum YAMLShape {
    /// What makes a YAML text unfit to compose.
    public struct Problem: Error, Equatable, Sendable {
        /// 0-based line in the text.
        public var line: Int
        public var message: String
    }

    /// The bounds a text is held to.
    public struct Limits: Sendable {
        /// Collections inside collections.
        public var depth: Int
        /// Bytes of scalars and nodes once aliases are expanded, as a multiple of the text's
        /// own size, plus ``expansionAllowance``.
        public var expansionFactor: Int
        public var expansionAllowance: Int

        public init(depth: Int = 32, expansionFactor: Int = 4, expansionAllowance: Int = 1 << 20) {
            self.depth = depth
            self.expansionFactor = expansionFactor
            self.expansionAllowance = expansionAllowance
        }
    }

    /// nil when the text is well-formed YAML within `limits`; otherwise the first problem,
    /// a syntax error included (a composer would recurse as deep as the text goes before
    /// it met the error).
    public static func check(_ yaml: String, limits: Limits = Limits()) -> Problem? {
        var text = yaml
        return text.withUTF8 { buffer in check(buffer, limits: limits) }
    }

    static func check(_ buffer: UnsafeBufferPointer<UInt8>, limits: Limits) -> Problem? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)

        let budget = buffer.count.multipliedReportingOverflow(by: limits.expansionFactor)
        let maximum =
            budget.overflow
            ? Int.max / 4 : min(budget.partialValue, Int.max / 4) + min(limits.expansionAllowance, Int.max / 4)
        // Bytes of the document so far with every alias expanded; each open collection's
        // count when it started (its own size, once it ends, is the difference).
        var expanded = 0
        var open: [(start: Int, anchor: String?)] = []
        var anchors: [String: Int] = [:]
        var event = yaml_event_t()
        while yaml_parser_parse(&parser, &event) == 1 {
            defer { yaml_event_delete(&event) }
            let line = Int(event.start_mark.line)
            var size = 0
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return nil
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let anchor =
                    event.type == YAML_SEQUENCE_START_EVENT
                    ? string(event.data.sequence_start.anchor) : string(event.data.mapping_start.anchor)
                open.append((expanded, anchor))
                if open.count > limits.depth {
                    return Problem(line: line, message: "metadata nests deeper than \(limits.depth) levels")
                }
                size = 1
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                if let closed = open.popLast(), let anchor = closed.anchor { anchors[anchor] = expanded - closed.start }
            case YAML_SCALAR_EVENT:
                size = 1 + event.data.scalar.length
                if let anchor = string(event.data.scalar.anchor) { anchors[anchor] = size }
            case YAML_ALIAS_EVENT:
                // An undefined alias is the composer's error to report.
                size = string(event.data.alias.anchor).flatMap { anchors[$0] } ?? 1
            default:
                continue
            }
            expanded += size
            if expanded > maximum {
                return Problem(
                    line: line,
                    message: "aliases expand the metadata past \(maximum) bytes (it is \(buffer.count) bytes long)")
            }
        }
        let problem = parser.problem.map { String(cString: $0) } ?? "unreadable"
        return Problem(line: Int(parser.problem_mark.line), message: "unreadable YAML: \(problem)")
    }

    private static func string(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let p else { return nil }
        return String(cString: UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self))
    }
}
