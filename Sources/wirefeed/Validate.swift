import ArgumentParser
import Foundation
import WireFeed
import Workers
import XMLCore

#if canImport(Glibc)
    import Glibc
#endif

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate RSS 2.0, Atom 1.0 and NewsML-G2 documents with libxml2 (XML Schema, RELAX NG).",
        discussion: """
            The format of each document is detected from its root element and namespace, and the \
            document is checked against wirefeed's own schema for it (schemas/): RSS 2.0 and \
            NewsML-G2 with XML Schema on libxml2's streaming reader, Atom with RELAX NG entry by \
            entry. Each schema is compiled once per run. Then the feed rules run (dates, guids, \
            URLs, authors, HTML, embargoes...: --rules lists them; --ignore or --config silence \
            one). A directory stands for every feed or NewsML-G2 document below it, whatever its \
            name (.rss, .atom, .xml, no extension): files are judged by their content, other \
            files are skipped and counted, and symbolic links are not followed out of it. \
            Finding no document at all is an error. - reads standard input.

            Output formats:
              text    file:line:col: error: message [rule]   (default)
              json    one JSON object per file, one per line
              junit   a JUnit XML report (one test case per file) for CI systems
              github  GitHub Actions workflow annotations

            Exit status: 0 when every document is valid, 1 when any is invalid or unreadable, 2 on usage errors.

            Example:
              wirefeed validate out/ --schema NewsML-G2_2.35-spec-All-Power.xsd --format junit > report.xml
            """
    )

    @Argument(
        help: "Documents to validate: files, directories (every feed or NewsML-G2 document below), or - for stdin.")
    var files: [String] = []

    @Option(name: .long, help: "Validate against this schema (.xsd or .rng) instead of wirefeed's own.")
    var schema: String?

    @Option(name: .long, help: "Report format: text, json, junit or github.")
    var format: ReportFormat = .text

    @Flag(name: .long, help: "Treat warnings as failures.")
    var strict = false

    @Flag(name: .long, help: "List every feed rule (id, severity, description, spec section) and exit.")
    var rules = false

    @Option(name: .long, help: "Do not run this rule (repeatable).")
    var ignore: [String] = []

    @Option(name: .long, help: "A YAML/JSON file with `ignore: [rule ids]`.")
    var config: String?

    @Option(name: .long, help: "Where the feed is published: the self link must say so (feed.self.matches).")
    var selfURL: String?

    @Option(name: .long, help: "The time embargoes are judged against (RFC 3339; default now).")
    var now: String?

    @Option(
        name: .long,
        help:
            "NewsML-G2 schema: iptc (IPTC's NewsML-G2 2.35 Power schema, the default) or wirefeed (wirefeed's stricter profile)."
    )
    var profile: ProfileArgument = .iptc

    @Flag(name: .long, help: "Check the schema only, no feed rules.")
    var schemaOnly = false

    @Flag(name: .shortAndLong, help: "Print nothing for valid documents, and no summary.")
    var quiet = false

    func validate() throws {
        if rules { return }
        if files.isEmpty { throw ValidationError("give at least one FILE (a document, a directory or -)") }
        let known = Set(RuleRegistry.rules.map(\.id))
        if let bad = ignore.first(where: { !known.contains($0) }) {
            throw ValidationError("--ignore \(bad): no such rule (wirefeed validate --rules lists them)")
        }
        if let now, Timestamp(rfc3339: now) == nil {
            throw ValidationError("--now \(now): not an RFC 3339 date-time with a zone")
        }
        if let schema, !FileManager.default.fileExists(atPath: schema) {
            throw ValidationError("--schema \(schema): no such file")
        }
    }

    func run() throws {
        if rules {
            let out = StandardOutputSink()
            do {
                for r in RuleRegistry.rules {
                    try out.write("\(r.id)  \(r.severity.rawValue)  \(r.summary)  \(r.spec)\n")
                }
                try out.commit()
            } catch {
                printError("wirefeed: error: cannot write to standard output (\(Self.reason(error)))")
                throw Reported()
            }
            return
        }
        var ignored = Set(ignore)
        if let config {
            do {
                ignored.formUnion(try LintConfig.load(path: config).ignore)
            } catch {
                printError(error)
                throw Reported()
            }
        }
        let lint: LintOptions? =
            schemaOnly
            ? nil
            : LintOptions(
                selfURL: selfURL, now: now.flatMap { Timestamp(rfc3339: $0) } ?? Converter.now(), ignored: ignored)
        // The schemas are compiled into the binary; WIREFEED_SCHEMAS names a folder to use instead.
        let validator = DocumentValidator(
            schemasDirectory: DocumentValidator.locateSchemas(environment: ProcessInfo.processInfo.environment),
            override: schema, lint: lint)
        validator.profile = profile.profile
        var reports: [ValidationReport] = []
        let found = expand(files)
        guard !found.documents.isEmpty else {
            printError("wirefeed: error: \(found.nothingFound(in: files))")
            throw Reported()
        }
        let reporter = Reporter(format: format, strict: strict, quiet: quiet, passedOver: found.passedOver)
        reporter.begin()
        let paths = found.documents
        // Files are independent: they are validated on as many threads as there are cores
        // (standard input, read once, keeps it to one); reports come out in the given order.
        let threads = paths.contains("-") ? 1 : ProcessInfo.processInfo.activeProcessorCount
        OrderedParallel.forEach(
            count: paths.count, threads: threads,
            work: { i in
                let path = paths[i]
                if path == "-" {
                    return validator.validate(.stream(ByteStream.standardInput()), file: "-")
                } else if access(path, R_OK) != 0 {
                    let exists = Files.isDirectory(path) != nil
                    return ValidationReport(
                        file: path, format: nil, schema: nil,
                        diagnostics: [
                            Diagnostic(
                                file: path, severity: .error,
                                message: exists ? "cannot be read" : "no such file or directory", rule: "io")
                        ])
                }
                return validator.validate(file: path)
            },
            deliver: { _, report in
                reporter.report(report)
                reports.append(report)
            })
        reporter.finish(reports)
        // A report that could not be written (a full disk, a closed pipe) is a failure:
        // the gate must not pass on a verdict nobody read.
        if let failure = reporter.failure {
            printError("wirefeed: error: cannot write the report to standard output (\(Self.reason(failure)))")
            throw Reported()
        }
        if reports.contains(where: { !$0.isValid(strict: strict) }) { throw Reported(code: 1) }
    }

    static func reason(_ error: any Error) -> String {
        (error as? XMLError)?.message.replacingOccurrences(of: "write failed: ", with: "") ?? "\(error)"
    }

    /// What the operands stand for: files named are validated whatever they hold; below a
    /// directory, only files whose content is a feed or a NewsML-G2 document.
    struct Found {
        var documents: [String] = []
        /// Files below a directory that are not feeds (not opened again, never quoted).
        var skipped = 0
        /// Symbolic links below a directory that point outside it or at folders (not followed).
        var linksNotFollowed = 0

        /// What was passed over, for the summary (nil: nothing).
        var passedOver: String? {
            var why: [String] = []
            if skipped > 0 { why.append("\(skipped) other file\(skipped == 1 ? "" : "s") skipped") }
            if linksNotFollowed > 0 {
                why.append(
                    "\(linksNotFollowed) symbolic link\(linksNotFollowed == 1 ? "" : "s") not followed (to folders or out of the directory)"
                )
            }
            return why.isEmpty ? nil : why.joined(separator: ", ")
        }

        func nothingFound(in operands: [String]) -> String {
            let names = operands.count == 1 ? operands[0] : "\(operands.count) directories"
            return "no feed or NewsML-G2 document found in \(names)\(passedOver.map { " (\($0))" } ?? "")"
        }
    }

    private func expand(_ paths: [String]) -> Found {
        var found = Found()
        for path in paths {
            guard path != "-", Files.isDirectory(path) == true else {
                found.documents.append(path)
                continue
            }
            let walk = Files.walk(path)
            found.linksNotFollowed += walk.linksNotFollowed
            for file in walk.files {
                if let head = Files.head(file, count: 4096), DocumentFormat.looksLikeDocument(head) {
                    found.documents.append(file)
                } else {
                    found.skipped += 1
                }
            }
        }
        return found
    }
}

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, junit, github
}

/// Prints validation reports in the chosen format. A write that fails (a full disk, a
/// closed descriptor, a broken pipe) stops the printing and is kept in ``failure``.
final class Reporter {
    let format: ReportFormat
    let strict: Bool
    let quiet: Bool
    /// What the directories held besides documents (other files, links out of them).
    let passedOver: String?
    private let sink = StandardOutputSink()
    private(set) var failure: (any Error)?

    init(format: ReportFormat, strict: Bool, quiet: Bool, passedOver: String?) {
        self.format = format
        self.strict = strict
        self.quiet = quiet
        self.passedOver = passedOver
    }

    func out(_ s: String) {
        write(Array((s.hasSuffix("\n") ? s : s + "\n").utf8))
    }

    private func write(_ bytes: [UInt8]) {
        guard failure == nil else { return }
        do {
            try bytes.withUnsafeBytes { try sink.write($0) }
        } catch {
            failure = error
        }
    }

    func begin() {}

    func report(_ r: ValidationReport) {
        switch format {
        case .text:
            for d in r.diagnostics { out(d.formatted) }
            if !quiet && !r.diagnostics.contains(where: { $0.severity != .info }) {
                out("\(r.file): valid \(r.format?.displayName ?? "")".trimmingCharacters(in: .whitespaces))
            }
        case .json:
            out(json(r))
        case .github:
            for d in r.diagnostics {
                let level = d.severity == .error ? "error" : (d.severity == .warning ? "warning" : "notice")
                var props = "file=\(escapeProperty(d.file))"
                if d.line > 0 { props += ",line=\(d.line)" }
                if d.column > 0 { props += ",col=\(d.column)" }
                props += ",title=\(escapeProperty("wirefeed " + (d.rule ?? "validate")))"
                out("::\(level) \(props)::\(escapeData(d.message))")
            }
        case .junit:
            break
        }
    }

    func finish(_ reports: [ValidationReport]) {
        switch format {
        case .junit:
            if let xml = try? junit(reports) { write(xml) }
        case .text where !quiet:
            let invalid = reports.filter { !$0.isValid(strict: strict) }.count
            var summary =
                "\(reports.count) document\(reports.count == 1 ? "" : "s") checked: \(reports.count - invalid) valid, \(invalid) invalid"
            if let passedOver { summary += "; " + passedOver }
            printError(summary)
        default:
            break
        }
        if failure == nil {
            do { try sink.commit() } catch { failure = error }
        }
    }

    func json(_ r: ValidationReport) -> String {
        var o: [String: Any] = [
            "file": r.file, "valid": r.isValid(strict: strict), "errors": r.errors, "warnings": r.warnings,
        ]
        if let f = r.format { o["format"] = f.rawValue }
        if let s = r.schema { o["schema"] = s }
        o["diagnostics"] = r.diagnostics.map { d -> [String: Any] in
            var x: [String: Any] = [
                "line": d.line, "column": d.column, "severity": d.severity.rawValue, "message": d.message,
            ]
            if let rule = d.rule { x["rule"] = rule }
            return x
        }
        let data =
            (try? JSONSerialization.data(withJSONObject: o, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// A JUnit XML report, written with libxml2's writer.
    func junit(_ reports: [ValidationReport]) throws -> [UInt8] {
        let sink = MemorySink()
        let w = try XMLWriter(indent: true)
        let failures = reports.filter { !$0.isValid(strict: strict) }.count
        let time = reports.reduce(0) { $0 + $1.duration }
        try w.startDocument()
        try w.startElement("testsuites")
        try w.attribute("name", "wirefeed validate")
        try w.attribute("tests", String(reports.count))
        try w.attribute("failures", String(failures))
        try w.attribute("errors", "0")
        try w.attribute("time", String(format: "%.3f", time))
        try w.startElement("testsuite")
        try w.attribute("name", "wirefeed validate")
        try w.attribute("tests", String(reports.count))
        try w.attribute("failures", String(failures))
        try w.attribute("errors", "0")
        try w.attribute("skipped", "0")
        try w.attribute("time", String(format: "%.3f", time))
        for r in reports {
            try w.startElement("testcase")
            try w.attribute("classname", r.format.map { "wirefeed.validate.\($0.rawValue)" } ?? "wirefeed.validate")
            try w.attribute("name", r.file)
            try w.attribute("file", r.file)
            try w.attribute("time", String(format: "%.3f", r.duration))
            if !r.isValid(strict: strict) {
                let problems = r.diagnostics.filter { $0.severity == .error || (strict && $0.severity == .warning) }
                try w.startElement("failure")
                try w.attribute("type", problems.first?.rule ?? "invalid")
                try w.attribute(
                    "message",
                    "\(problems.count) problem\(problems.count == 1 ? "" : "s"): \(problems.first?.message ?? "invalid")"
                )
                try w.text(problems.map(\.formatted).joined(separator: "\n"))
                try w.endElement()
            }
            let rest = r.diagnostics.filter { $0.severity != .error && !(strict && $0.severity == .warning) }
            if !rest.isEmpty { try w.element("system-out", text: rest.map(\.formatted).joined(separator: "\n")) }
            try w.endElement()
        }
        try w.endDocument()
        try w.drain(to: sink)
        return sink.bytes
    }

    func escapeData(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(
            of: "\n", with: "%0A")
    }

    func escapeProperty(_ s: String) -> String {
        escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}

/// `--profile`: which schema judges NewsML-G2.
enum ProfileArgument: String, ExpressibleByArgument, CaseIterable {
    case iptc, wirefeed

    var profile: NewsMLProfile { self == .iptc ? .iptc : .wirefeed }
}
