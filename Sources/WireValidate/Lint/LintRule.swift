import Foundation
public import WireFormats
package import WireIngest
public import WireModel
public import XMLCore

/// What a feed rule is: id, severity, one line of description, the spec section it enforces.
public struct RuleInfo: Sendable, Hashable {
    public var id: String
    public var severity: Severity
    public var summary: String
    /// A link to the specification section the rule enforces.
    public var spec: String
    public var formats: Set<DocumentFormat>

    public init(id: String, severity: Severity, summary: String, spec: String, formats: Set<DocumentFormat>) {
        self.id = id
        self.severity = severity
        self.summary = summary
        self.spec = spec
        self.formats = formats
    }
}

/// Settings of a lint run.
public struct LintOptions: Sendable {
    /// Where the feed is published: `feed.self.matches` compares the self link with it.
    public var selfURL: String?
    /// The time embargoes are judged against.
    public var now: Timestamp
    /// Rule ids not to run.
    public var ignored: Set<String>

    public init(selfURL: String? = nil, now: Timestamp, ignored: Set<String> = []) {
        self.selfURL = selfURL
        self.now = now
        self.ignored = ignored
    }
}

/// Where rules put their findings.
package struct FindingSink {
    let file: String
    var diagnostics: [Diagnostic] = []

    init(file: String) { self.file = file }

    /// The tags of the HTML fields asked for lately: several rules look at the same fields
    /// of an item (description and content:encoded, in turn), so a few are remembered.
    /// Strings from the same element share storage, so a hit is a pointer comparison.
    private var recentTags: [(html: String, tags: [Markup.Tag])] = []
    private var nextSlot = 0

    mutating func tags(of html: String) -> [Markup.Tag] {
        for entry in recentTags where entry.html == html { return entry.tags }
        let tags = Markup.tags(html)
        if recentTags.count < 4 {
            recentTags.append((html, tags))
        } else {
            recentTags[nextSlot] = (html, tags)
            nextSlot = (nextSlot + 1) % 4
        }
        return tags
    }

    mutating func add(_ rule: RuleInfo, line: Int, _ message: String) {
        guard diagnostics.count < 1000 else { return }
        diagnostics.append(Diagnostic(file: file, line: line, severity: rule.severity, message: message, rule: rule.id))
    }
}

/// One feed rule. Rules see the document as it streams: the root element (without its
/// children), each head element (channel / feed metadata, NewsML header), each item
/// (RSS item, Atom entry, NewsML newsItem) as a small tree, then the end.
protocol LintRule: AnyObject {
    static var info: RuleInfo { get }
    init(options: LintOptions)
    func root(_ e: XMLElement, _ out: inout FindingSink)
    func head(_ e: XMLElement, _ out: inout FindingSink)
    func item(_ e: XMLElement, _ out: inout FindingSink)
    func finish(_ out: inout FindingSink)
}

extension LintRule {
    var info: RuleInfo { Self.info }
    func root(_ e: XMLElement, _ out: inout FindingSink) {}
    func head(_ e: XMLElement, _ out: inout FindingSink) {}
    func item(_ e: XMLElement, _ out: inout FindingSink) {}
    func finish(_ out: inout FindingSink) {}
}

/// Every rule wirefeed knows, in the order `--rules` lists them.
public enum RuleRegistry {
    static var all: [any LintRule.Type] {
        [
            RSSChannelRequired.self, RSSItemTitleOrDescription.self, RSSDateRFC822.self, RSSDateFourDigitYear.self,
            RSSDateWeekday.self, RSSDateZone.self, RSSGuidUnique.self, RSSGuidPermalink.self, RSSURLAbsolute.self,
            RSSEnclosureAttributes.self, RSSAtomSelfPresent.self, FeedSelfMatches.self, RSSLanguageBCP47.self,
            RSSChannelItems.self, RSSTitlePlain.self,
            AtomDateRFC3339.self, AtomIDUnique.self, AtomIDAbsolute.self, AtomURLAbsolute.self, AtomAuthorRequired.self,
            AtomEntryAlternateOrContent.self, AtomContentXHTMLDiv.self, AtomSelfPresent.self, AtomLanguageBCP47.self,
            AtomTitlePlain.self,
            HTMLWellFormed.self, HTMLUnsafe.self, TextControlChars.self,
            NewsMLGuidUnique.self, NewsMLDateZone.self, NewsMLVersionCreatedOrder.self, NewsMLEmbargoPast.self,
            NewsMLEmbargoStatus.self, NewsMLUrgencyRange.self, NewsMLCanceledContent.self, NewsMLLanguageBCP47.self,
            NewsMLQCodeExactlyOne.self,
            URLSyntax.self, RSSElementOnce.self, RSSEnclosureOnce.self, AtomElementOnce.self, DCDateW3CDTF.self,
            MediaNumbers.self, RSSItemDuplicateSemantics.self, TextHTMLInPlain.self, TextDoubleEscaped.self,
            DateImplausible.self, RSS1ChannelRequired.self, RSS1ItemRequired.self,
        ]
    }

    /// Descriptions of all rules.
    public static var rules: [RuleInfo] { all.map { $0.info } }

    static func make(for format: DocumentFormat, options: LintOptions) -> [any LintRule] {
        all.filter { $0.info.formats.contains(format) && !options.ignored.contains($0.info.id) }.map {
            $0.init(options: options)
        }
    }
}

extension Set where Element == DocumentFormat {
    /// RSS without namespaces: 2.0 and its 0.91/0.92 ancestors (the same channel and items).
    static let rss: Set<DocumentFormat> = [.rss20, .rss091, .rss092]
    /// RSS as RDF: 1.0 and 0.90.
    static let rdf: Set<DocumentFormat> = [.rss10, .rss090]
    static let atom: Set<DocumentFormat> = [.atom10]
    static let newsml: Set<DocumentFormat> = [.newsml]
    /// Every feed format.
    static let feeds: Set<DocumentFormat> = rss.union(rdf).union(atom)
}

/// A lint configuration file (YAML or JSON): `ignore: [rule ids]`.
package struct LintConfig: Decodable, Sendable {
    public var ignore: [String]

    /// Reads the file; unknown rule ids are an error (a typo must not silence nothing quietly).
    package static func load(path: String) throws(IngestError) -> LintConfig {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            throw IngestError(
                file: path, message: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file")
        }
        var warnings: [Diagnostic] = []
        let config = try Metadata.decode(
            LintConfig.self, yaml: text, file: path, firstLine: 1, knownKeys: ["ignore"], warnings: &warnings)
        let known = Set(RuleRegistry.rules.map(\.id))
        if let unknown = config.ignore.first(where: { !known.contains($0) }) {
            throw IngestError(file: path, message: "unknown rule '\(unknown)' (wirefeed validate --rules lists them)")
        }
        return config
    }
}
