internal import CLibYAML

/// A YAML text as the flat list of libyaml's parser events, for readers that map a small,
/// known shape straight onto their own types (no node tree, no Decodable).
///
/// Only the plain subset is listed: one document of mappings, sequences and scalars. A text
/// with anchors, aliases, explicit tags, several documents or a syntax error gives nil, and
/// the caller reads it the general way (which also explains the errors).
public enum YAMLEvents {
    public enum Event: Equatable, Sendable {
        case mappingStart(line: Int)
        case mappingEnd
        case sequenceStart(line: Int)
        case sequenceEnd
        /// A scalar's value (escapes and folding applied), whether it was plain (unquoted,
        /// not a block scalar: only a plain scalar can be null, a number or a boolean), and
        /// its 0-based line.
        case scalar(String, plain: Bool, line: Int)
    }

    /// The events of `yaml`, or nil when it is outside the plain subset or longer than
    /// `maximumEvents` events.
    public static func read(_ yaml: String, maximumEvents: Int = 4096) -> [Event]? {
        var text = yaml
        return text.withUTF8 { buffer in read(buffer, maximumEvents: maximumEvents) }
    }

    static func read(_ buffer: UnsafeBufferPointer<UInt8>, maximumEvents: Int) -> [Event]? {
        // Block YAML of one-line scalars (nearly all front matter) is scanned here; the rest is libyaml's.
        if let events = YAMLBlockScan.events(buffer, maximumEvents: maximumEvents) { return events }
        return libyaml(buffer, maximumEvents: maximumEvents)
    }

    /// The events as libyaml's parser gives them (what ``YAMLBlockScan`` is held to).
    package static func libyaml(_ yaml: String, maximumEvents: Int = 4096) -> [Event]? {
        var text = yaml
        return text.withUTF8 { libyaml($0, maximumEvents: maximumEvents) }
    }

    /// The events of the block scanner alone (nil: outside its subset).
    package static func blockScan(_ yaml: String, maximumEvents: Int = 4096) -> [Event]? {
        var text = yaml
        return text.withUTF8 { YAMLBlockScan.events($0, maximumEvents: maximumEvents) }
    }

    static func libyaml(_ buffer: UnsafeBufferPointer<UInt8>, maximumEvents: Int) -> [Event]? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
        var events: [Event] = []
        var documents = 0
        var event = yaml_event_t()
        while yaml_parser_parse(&parser, &event) == 1 {
            defer { yaml_event_delete(&event) }
            let line = Int(event.start_mark.line)
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return events
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 { return nil }
                continue
            case YAML_STREAM_START_EVENT, YAML_DOCUMENT_END_EVENT:
                continue
            case YAML_MAPPING_START_EVENT:
                let m = event.data.mapping_start
                guard m.anchor == nil, m.tag == nil else { return nil }
                events.append(.mappingStart(line: line))
            case YAML_SEQUENCE_START_EVENT:
                let s = event.data.sequence_start
                guard s.anchor == nil, s.tag == nil else { return nil }
                events.append(.sequenceStart(line: line))
            case YAML_MAPPING_END_EVENT:
                events.append(.mappingEnd)
            case YAML_SEQUENCE_END_EVENT:
                events.append(.sequenceEnd)
            case YAML_SCALAR_EVENT:
                let s = event.data.scalar
                guard s.anchor == nil, s.tag == nil, let value = s.value else { return nil }
                let text = String(
                    decoding: UnsafeBufferPointer(
                        start: UnsafeRawPointer(value).assumingMemoryBound(to: UInt8.self),
                        count: s.length), as: UTF8.self)
                events.append(.scalar(text, plain: s.style == YAML_PLAIN_SCALAR_STYLE, line: line))
            default:
                return nil  // an alias
            }
            if events.count > maximumEvents { return nil }
        }
        return nil
    }
}
