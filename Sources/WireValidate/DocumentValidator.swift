import Foundation
import TextKernel
public import WireFormats
import WireModel
import Workers
public import XMLCore

/// The verdict on one document.
public struct ValidationReport: Sendable {
    public var file: String
    public var format: DocumentFormat?
    /// The schema the document was checked against.
    public var schema: String?
    public var diagnostics: [Diagnostic]
    /// Seconds spent.
    public var duration: Double = 0

    public init(file: String, format: DocumentFormat? = nil, schema: String? = nil, diagnostics: [Diagnostic] = []) {
        self.file = file
        self.format = format
        self.schema = schema
        self.diagnostics = diagnostics
    }

    public var errors: Int { diagnostics.filter { $0.severity == .error }.count }
    public var warnings: Int { diagnostics.filter { $0.severity == .warning }.count }
    /// Valid: no error (and, when `strict`, no warning).
    public func isValid(strict: Bool = false) -> Bool { errors == 0 && (!strict || warnings == 0) }
}

/// Validates RSS 2.0, Atom 1.0 and NewsML-G2 documents with libxml2, each schema
/// compiled once however many documents are checked.
///
/// RSS and NewsML-G2 are checked with XML Schema on the streaming reader; Atom with
/// RELAX NG entry by entry (plus the feed's head), which keeps time linear and memory flat.
///
/// Which schema judges NewsML-G2 documents.
public enum NewsMLProfile: String, Sendable, CaseIterable {
    /// IPTC's own schema (NewsML-G2 2.35, Power conformance): what partners are held to.
    case iptc
    /// wirefeed's stricter profile (`schemas/newsml-g2-wirefeed.xsd`), which what wirefeed writes also passes.
    case wirefeed
}

/// One validator may validate documents on several threads at once (each schema is compiled
/// once, under a lock, and libxml2 validates concurrently against a compiled schema); set its
/// options before that starts.
public final class DocumentValidator: @unchecked Sendable {
    /// A folder holding wirefeed's schemas (laid out as `schemas/`) to use instead of the
    /// ones compiled into the binary; nil uses the built-in ones.
    public let schemasDirectory: String?
    /// Which schema judges NewsML-G2: IPTC's own (the default) or wirefeed's stricter profile.
    public var profile: NewsMLProfile = .iptc
    /// A schema to use for every document instead of wirefeed's own.
    public let override: String?
    private var compiled: [String: Schema] = [:]
    private let compiling = NSLock()
    /// How many schemas this validator compiled (each at most once).
    public var compiledSchemaCount: Int { compiling.withLock { compiled.count } }

    /// Feed rules to run after (or with) the schema check; nil runs the schema check only.
    public var lint: LintOptions?
    /// Largest document read from a stream when it must be read twice (Atom with rules).
    public var maximumStreamSize = 512 << 20

    /// A validator with wirefeed's schemas compiled into the binary (or those of
    /// `schemasDirectory`, laid out as `schemas/`), or `override` for every document.
    public init(schemasDirectory: String? = nil, override: String? = nil, lint: LintOptions? = nil) {
        self.schemasDirectory = schemasDirectory
        self.override = override
        self.lint = lint
    }

    /// The schema wirefeed uses for a format (its path under `schemas/`), if it has one.
    public static func schemaFile(for format: DocumentFormat, profile: NewsMLProfile = .iptc) -> String? {
        switch format {
        case .rss20: "rss-2.0.xsd"
        case .atom10: "atom-1.0.rng"
        case .newsml: profile == .iptc ? "iptc/NewsML-G2_2.35-spec-All-Power.xsd" : "newsml-g2-wirefeed.xsd"
        default: nil
        }
    }

    /// `$WIREFEED_SCHEMAS`, a folder of schemas that replaces the built-in ones (for working
    /// on a schema without rebuilding); nil: the built-in schemas.
    public static func locateSchemas(environment: [String: String]) -> String? {
        environment["WIREFEED_SCHEMAS"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Compiles (once) and returns the schema at `path`.
    package func schema(at path: String) throws -> Schema {
        try compiling.withLock {
            if let s = compiled[path] { return s }
            let s = try Schema(path: path)
            compiled[path] = s
            return s
        }
    }

    /// Compiles (once) and returns the built-in schema `name` (its path under `schemas/`).
    package func builtInSchema(_ name: String) throws -> Schema {
        try compiling.withLock {
            let key = "built-in:" + name
            if let s = compiled[key] { return s }
            // Its imports name files beside it: the files of its folder, by name.
            let folder = name.contains("/") ? String(name[..<name.lastIndex(of: "/")!]) + "/" : ""
            var files: [String: StaticString] = [:]
            for (path, text) in BuiltInSchemas.files where path.hasPrefix(folder) {
                let rest = path.dropFirst(folder.count)
                if !rest.contains("/") { files[String(rest)] = text }
            }
            let s = try Schema(builtIn: String(name.dropFirst(folder.count)), files: files)
            compiled[key] = s
            return s
        }
    }

    /// Validates a file (or, with `bytes`, a document already in memory named `file`).
    public func validate(file: String, bytes: [UInt8]? = nil) -> ValidationReport {
        if let bytes { return validate(.bytes(bytes), file: file) }
        // A small file is read once: sniffing, detection and validation then share the bytes
        // (1,000 small NewsML files: one open each instead of three). Large files stream.
        if let bytes = Files.readSmall(file, limit: Self.smallFile) {
            return validate(.bytes(bytes), file: file)
        }
        return validate(.file(file), file: file)
    }

    /// Whether a document is worth a second thread: a file or stream (small files are read
    /// into memory, and many of them are validated in parallel already), or large bytes.
    static func isLarge(_ input: XMLInput) -> Bool {
        if case .bytes(let b) = input { return b.count > smallFile }
        return true
    }

    /// Files up to this size are read into memory whole.
    static let smallFile = 4 << 20

    /// Validates a document from any input; a stream is read once (its head is replayed).
    public func validate(_ input: XMLInput, file: String) -> ValidationReport {
        let start = Date()
        var report = ValidationReport(file: file, format: nil, schema: nil, diagnostics: [])
        defer { report.duration = Date().timeIntervalSince(start) }
        // 1. Which format: the root element and namespace.
        do {
            let detectInput: XMLInput
            if case .stream(let stream) = input {
                detectInput = .bytes(stream.peek(1 << 16))
            } else {
                detectInput = input
            }
            if let problem = Self.notXML(detectInput) {
                report.diagnostics = [
                    Diagnostic(file: file, line: 1, column: 1, severity: .error, message: problem, rule: "xml")
                ]
                return report
            }
            if case .bytes(let bytes) = detectInput, let format = DocumentFormat.sniff(bytes) {
                report.format = format
            } else {
                let reader = try XMLStreamReader(detectInput, file: file, allowedPublicDTDs: Self.toleratedDTDs)
                report.format = try DocumentFormat.detect(reader).0
            }
        } catch let error as XMLError {
            report.diagnostics = Self.diagnostics(of: error, file: file)
            return report
        } catch {
            report.diagnostics = [Diagnostic(file: file, severity: .error, message: "\(error)", rule: "xml")]
            return report
        }
        guard let format = report.format else { return report }
        // 2. Which schema.
        let schemaPath: String
        let builtIn: String?
        if let override {
            schemaPath = override
            builtIn = nil
        } else if let name = Self.schemaFile(for: format, profile: profile) {
            schemaPath = schemasDirectory.map { $0 + "/" + name } ?? "built-in:" + name
            builtIn = schemasDirectory == nil ? name : nil
        } else if format.isRuleJudged {
            // RSS 0.9x and 1.0 have no schema wirefeed trusts: the feed rules judge them.
            // Without rules (--schema-only) the document is still read: well-formed or not.
            let options =
                lint ?? LintOptions(now: Timestamp(seconds: 0), ignored: Set(RuleRegistry.rules.map(\.id)))
            do {
                // RSS 0.91's DOCTYPE is tolerated (never loaded); Netscape's copy of the DTD is
                // no longer served, and readers that fetch it fail: an error, as the W3C validator says.
                let reader = try XMLStreamReader(input, file: file, allowedPublicDTDs: Self.toleratedDTDs)
                report.diagnostics = try LintEngine.run(reader: reader, file: file, format: format, options: options)
                for note in reader.notes where note.rule == "xml.doctype" && Self.namesNetscapeDTD(input) {
                    report.diagnostics.append(
                        Diagnostic(
                            file: file, line: note.line, severity: .error,
                            message:
                                "the DOCTYPE names Netscape's RSS 0.91 DTD, which is no longer served: use http://www.rssboard.org/rss-0.91.dtd or remove the DOCTYPE",
                            rule: "xml.doctype"))
                }
            } catch let error as XMLError {
                report.diagnostics = Self.diagnostics(of: error, file: file)
            } catch {
                report.diagnostics = [Diagnostic(file: file, severity: .error, message: "\(error)", rule: "xml")]
            }
            report.diagnostics.sort { ($0.line, $0.column) < ($1.line, $1.column) }
            return report
        } else {
            report.diagnostics = [
                Diagnostic(
                    file: file, line: 1, severity: .error,
                    message:
                        "\(format.displayName) is not a format wirefeed validates (RSS 0.90-2.0, Atom 1.0, NewsML-G2); give a schema with --schema",
                    rule: "format")
            ]
            return report
        }
        report.schema = schemaPath
        let schema: Schema
        do {
            schema = try builtIn.map { try builtInSchema($0) } ?? self.schema(at: schemaPath)
        } catch let error as XMLError {
            report.diagnostics = [Diagnostic(file: file, severity: .error, message: error.message, rule: "schema")]
            return report
        } catch {
            report.diagnostics = [Diagnostic(file: file, severity: .error, message: "\(error)", rule: "schema")]
            return report
        }
        // 3. Validate, streaming; then the feed rules.
        let split = format == .atom10 && schema.kind == .relaxNG
        guard let lint else {
            report.diagnostics =
                split
                ? schema.validate(input, file: file, splittingAt: (Namespace.atom, "entry"))
                : schema.validate(input, file: file)
            return report
        }
        if split {
            // RELAX NG entry by entry, then a second pass for the rules.
            var twice = input
            if case .stream(let stream) = input {
                guard let all = stream.readAll(limit: maximumStreamSize) else {
                    report.diagnostics = [
                        Diagnostic(
                            file: file, severity: .error,
                            message: "standard input is larger than \(maximumStreamSize) bytes", rule: "xml")
                    ]
                    return report
                }
                twice = .bytes(all)
            }
            // A large document's two passes run at the same time, on two threads.
            var findings: [Diagnostic] = []
            let rulesPass =
                Self.isLarge(twice)
                ? Concurrent.start { LintEngine.run(twice, file: file, format: format, options: lint) } : nil
            report.diagnostics = schema.validate(twice, file: file, splittingAt: (Namespace.atom, "entry"))
            findings = rulesPass?.wait() ?? []
            if !report.diagnostics.contains(where: { $0.rule == "xml" || $0.rule == "xml.hostile" }) {
                report.diagnostics +=
                    rulesPass == nil ? LintEngine.run(twice, file: file, format: format, options: lint) : findings
            }
        } else {
            // XML Schema and the rules in one streaming pass.
            do {
                let reader = try XMLStreamReader(input, file: file, validatingAgainst: schema)
                let findings = try LintEngine.run(
                    reader: reader, file: file, format: format, options: lint, pipelined: Self.isLarge(input))
                report.diagnostics = Schema.deduplicated(reader.diagnostics) + findings
                if !reader.isValid
                    && !report.diagnostics.contains(where: { $0.rule == "schema" && $0.severity == .error })
                {
                    report.diagnostics.append(
                        Diagnostic(
                            file: file, severity: .error, message: "document is not valid against \(schema.path)",
                            rule: "schema"))
                }
            } catch let error as XMLError {
                let wf = error.diagnostics.filter { $0.severity == .error }
                report.diagnostics =
                    wf.isEmpty ? Self.diagnostics(of: error, file: file) : Schema.deduplicated(error.diagnostics)
            } catch {
                report.diagnostics = [Diagnostic(file: file, severity: .error, message: "\(error)", rule: "xml")]
            }
        }
        report.diagnostics.sort { ($0.line, $0.column) < ($1.line, $1.column) }
        return report
    }

    /// The DOCTYPE RSS 0.91 feeds carry: tolerated, never loaded.
    static let toleratedDTDs: Set<String> = ["-//Netscape Communications//DTD RSS 0.91//EN"]

    /// Whether the document's head names Netscape's RSS 0.91 DTD as its system identifier.
    static func namesNetscapeDTD(_ input: XMLInput) -> Bool {
        String(decoding: input.head(4096), as: UTF8.self).contains("my.netscape.com/publish/formats/rss-0.91.dtd")
    }

    /// A plain explanation when the input is clearly not XML at all (empty, binary, text).
    package static func notXML(_ input: XMLInput) -> String? {
        var head: [UInt8]
        switch input {
        case .bytes(let b): head = Array(b.prefix(512))
        case .file(let path):
            guard let h = FileHandle(forReadingAtPath: path) else { return nil }
            head = [UInt8](h.readData(ofLength: 512))
            try? h.close()
        case .stream(let s): head = Array(s.peek(512).prefix(512))
        }
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { head.removeFirst(3) }
        // UTF-16: let libxml2 decide.
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) { return nil }
        guard let first = head.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else {
            return "the document is empty"
        }
        if first == UInt8(ascii: "<") { return nil }
        if head.contains(0) { return "not an XML document (binary data)" }
        // The content is never quoted: the file may be anything (a key a link points at).
        return "not an XML document (it does not start with '<')"
    }

    static func diagnostics(of error: XMLError, file: String) -> [Diagnostic] {
        if let first = error.diagnostics.first(where: { $0.severity == .error }) { return [first] }
        return [
            Diagnostic(
                file: error.file ?? file, line: error.line, column: error.column, severity: .error,
                message: error.message, rule: error.code == .hostile ? "xml.hostile" : "xml")
        ]
    }
}
