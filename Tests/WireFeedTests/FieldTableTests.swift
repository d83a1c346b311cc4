import Foundation
import Testing
import WireFormats
import WireModel

@testable import WireFeed

/// Each format's field table held to its writer and reader: an article with every field
/// goes out and comes back, and what came back is what the table says.
@Suite struct FieldTableTests {
    /// An article with every field of the JSON contract, each in a value every format can
    /// write as it is (whole seconds, plain text, absolute URLs).
    static let full = Article(
        id: "tag:probe.example.org,2026:1", version: 3, url: "https://probe.example.org/story",
        title: "Harbour reopens", subtitle: "Ships return after the storm", summary: "The port is open again.",
        body: ["The harbour reopened on Monday.", "Ships queued outside."], language: "fr",
        published: Timestamp(seconds: 1_767_225_600), updated: Timestamp(seconds: 1_767_229_200),
        authors: [Person(name: "Ana Reporter"), Person(name: "Eli Editor", role: .editor)],
        categories: [Category(term: "harbours", scheme: "https://probe.example.org/topics/", label: "Harbours")],
        keywords: ["port", "storm"], dateline: "NANTES, France", source: "Probe Wire", publisher: "Probe Daily",
        rights: Rights(holder: "Probe Wire", year: 2026),
        media: [probeMedium],
        embargo: Timestamp(seconds: 1_767_200_000), urgency: 3, status: .usable)

    static var probeMedium: Media {
        var m = Media(
            url: "https://probe.example.org/ship.jpg", type: "image/jpeg", caption: "A ship", credit: "Probe Wire",
            width: 1200, height: 800)
        m.renditions = [Rendition(name: "web", url: "https://probe.example.org/ship-web.jpg")]
        return m
    }

    @Test(arguments: [OutputFormat.rss, .atom, .newsml, .jsonfeed, .ninjs])
    func whatComesBackIsWhatTheTableSays(_ format: OutputFormat) throws {
        for field in Article.Field.allCases { #expect(Self.full.has(field), "the probe lacks \(field)") }
        let bytes = try Converter.render(
            [Self.full], feed: Feed(title: "Probe", url: "https://probe.example.org/", language: "en"), format: format,
            updated: Timestamp(seconds: 1_767_300_000))
        let (doc, _) = try FeedImporter.document(.bytes(bytes), file: "probe.\(format)")
        let back = try #require(doc.articles.first)
        let lost = format.losses(of: Self.full)
        for field in Article.Field.allCases {
            let row = format.carriage(of: field)
            switch row.extent {
            case .whole:
                #expect(
                    back.has(field), "\(format): \(field.rawValue) is carried whole (\(row.home)) but did not come back"
                )
                #expect(!lost.contains(field.rawValue))
            case .none, .actedOn:
                #expect(!back.has(field), "\(format): \(field.rawValue) has no home but came back")
                #expect(lost.contains(field.rawValue) == (row.extent == .none), "\(format): \(field.rawValue)")
            case .part:
                #expect(!row.home.isEmpty)
            }
        }
    }

    /// The parts the probe loses (each partial row's condition holds for it), by format.
    @Test func partsTheProbeLoses() {
        #expect(
            OutputFormat.rss.losses(of: Self.full).filter {
                OutputFormat.rss.carriage(of: Article.Field(rawValue: $0)!).extent == .part
            } == ["updated", "categories", "media"])
        #expect(
            OutputFormat.atom.losses(of: Self.full).filter {
                OutputFormat.atom.carriage(of: Article.Field(rawValue: $0)!).extent == .part
            } == ["authors", "media"])
        #expect(OutputFormat.json.losses(of: Self.full).isEmpty)
    }
}
