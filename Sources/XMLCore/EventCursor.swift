/// ``XMLStreamReader``'s cursor on libxml2's SAX2 parser: steps through the events
/// ``SAXEventSource`` buffers a chunk at a time, reading their fields through the state's
/// pointer (an accessor through the source costs a retain and a release, per node and per
/// question).
final class EventCursor: XMLCursor {
    private let source: SAXEventSource
    private let sax: UnsafeMutablePointer<SAXEventSource.State>

    init(_ source: SAXEventSource) {
        self.source = source
        sax = source.state
    }

    var notes: [Diagnostic] { source.notes }

    /// No schema is ever attached to the events engine.
    var isValid: Bool { false }

    /// libxml2 reports to the source's collector as it parses; nothing to install.
    func capturingErrors<T>(_ body: () throws -> T) rethrows -> T { try body() }

    func next() throws -> Bool { try source.advance() }

    /// The current event; a neutral one before the first and after the last (where the text
    /// reader answers "" and nil too).
    @inline(__always)
    private var event: SAXEventSource.Event {
        let p = sax.pointee.position
        guard p >= 0 && p < sax.pointee.events.count else {
            return SAXEventSource.Event(kind: .other, depth: 0, line: 0, start: 0, count: 0)
        }
        return sax.pointee.events[p]
    }

    var kind: XMLStreamReader.NodeKind { event.kind }

    var localName: String { sax.pointee.strings[Int(event.name)] }

    var namespaceURI: String { sax.pointee.strings[Int(event.namespace)] }

    var qualifiedName: String {
        let e = event
        let name = sax.pointee.strings[Int(e.name)]
        // An undeclared prefix is part of the name already (see SAXEventSource.State.name).
        return e.prefix == 0 ? name : sax.pointee.strings[Int(e.prefix)] + ":" + name
    }

    var depth: Int { Int(event.depth) }

    var isEmptyElement: Bool { event.isEmpty }

    func appendValue(to out: inout [UInt8]) {
        let e = event
        sax.pointee.bytes.withUnsafeBufferPointer {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[Int(e.start)..<Int(e.start + e.count)]))
        }
    }

    var value: String {
        let e = event
        return e.kind == .element || e.kind == .endElement
            ? "" : SAXEventSource.State.text(sax.pointee.bytes, start: e.start, count: e.count)
    }

    var xmlLang: String? {
        let lang = event.lang
        return lang < 0 ? nil : sax.pointee.strings[Int(lang)]
    }

    var line: Int {
        let p = sax.pointee.position
        if p >= 0 && p < sax.pointee.events.count { return Int(sax.pointee.events[p].line) }
        return Int(sax.pointee.line)
    }

    /// The events carry no column.
    var column: Int { 0 }

    func attribute(_ localName: String, namespace: String?) -> String? {
        var found: String?
        forEachEventAttribute { name, ns, start, count in
            if found == nil && name == localName && (namespace ?? "") == ns {
                found = SAXEventSource.State.text(sax.pointee.bytes, start: start, count: count)
            }
        }
        return found
    }

    /// Namespace declarations do not count.
    var hasAttributes: Bool {
        let e = event
        return e.kind == .element && e.count > 0
    }

    func forEachAttribute(_ body: (String, String, String) -> Void) {
        forEachEventAttribute {
            body($0, $1, SAXEventSource.State.text(sax.pointee.bytes, start: $2, count: $3))
        }
    }

    private func forEachEventAttribute(_ body: (String, String, Int32, Int32) -> Void) {
        let e = event
        guard e.kind == .element else { return }
        for k in Int(e.start)..<Int(e.start + e.count) {
            let a = sax.pointee.attributes[k]
            body(sax.pointee.strings[Int(a.name)], sax.pointee.strings[Int(a.namespace)], a.start, a.count)
        }
    }
}
