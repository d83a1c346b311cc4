/// How serious a diagnostic is.
public enum Severity: String, Sendable, Codable, Comparable {
    case info
    case warning
    case error

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One problem found in an input, with where it is.
public struct Diagnostic: Sendable, Hashable, Codable {
    /// The file (or `-` for standard input) the problem is in.
    public var file: String
    /// 1-based line, or 0 when unknown.
    public var line: Int
    /// 1-based column, or 0 when unknown.
    public var column: Int
    public var severity: Severity
    public var message: String
    /// The lint rule or check that produced it (`schema`, `xml`, `rss.pubdate.rfc822`, ...).
    public var rule: String?

    public init(file: String, line: Int = 0, column: Int = 0, severity: Severity, message: String, rule: String? = nil)
    {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
        self.rule = rule
    }

    /// `file:line:col: severity: message [rule]`, the form compilers and editors understand.
    public var formatted: String {
        var s = file
        if line > 0 {
            s += ":\(line)"
            if column > 0 { s += ":\(column)" }
        }
        s += ": \(severity.rawValue): \(message)"
        if let rule { s += " [\(rule)]" }
        return s
    }
}

/// An error that stops the XML layer: a code, where it is and what is wrong, as separate
/// fields, and the diagnostics behind it. Only ``description`` puts them in one line.
public struct XMLError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case notWellFormed
        case tooLarge
        case io
        case schema
        case writer
        case hostile
    }

    /// Whether reading the document again, repaired (`XMLRepair`), may succeed: it is not
    /// well-formed, or its DOCTYPE declares what the strict reader never reads.
    package var mayBeRepaired: Bool {
        switch code {
        case .notWellFormed: true
        case .hostile:
            message == LibXML.Refusal.entities || message == LibXML.Refusal.entityReference
                || message.hasPrefix("the DOCTYPE refers to an external DTD")
        default: false
        }
    }

    public var code: Code
    /// The file (or `-` for standard input); nil when the error is not about one (a writer's).
    public var file: String?
    /// 1-based line, or 0 when unknown.
    public var line: Int
    /// 1-based column, or 0 when unknown.
    public var column: Int
    /// What is wrong, without where.
    public var message: String
    public var diagnostics: [Diagnostic]

    public init(
        _ code: Code, file: String? = nil, line: Int = 0, column: Int = 0, _ message: String,
        diagnostics: [Diagnostic] = []
    ) {
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.diagnostics = diagnostics
    }

    /// The error as a diagnostic (its rule is the code: `xml.notWellFormed`, `xml.io`…).
    public var diagnostic: Diagnostic {
        Diagnostic(
            file: file ?? "-", line: line, column: column, severity: .error, message: message,
            rule: "xml.\(code.rawValue)")
    }

    /// `file:line:column: error: message`, the form compilers and editors understand (the
    /// message alone when there is no file).
    public var description: String {
        guard let file else { return message }
        var s = file
        if line > 0 {
            s += ":\(line)"
            if column > 0 { s += ":\(column)" }
        }
        return s + ": error: " + message
    }
}
