import Foundation
import WireFeed
import WireFormats
import XMLCore

/// The fuzz targets: any bytes through one of wirefeed's readers. Each must return
/// normally (an error is fine); a crash, a hang or a leak is a bug.
enum FuzzTarget: String, CaseIterable {
    /// Any bytes as a feed to import.
    case `import`
    /// Any bytes as a document to validate (schema + rules).
    case validate
    /// Any bytes as a cleaned-article text file (with front matter).
    case text
    /// Bytes -> article model -> each writer -> importer -> the same model.
    case roundtrip
    /// Differential: any text as HTML through the byte-level fast path and through
    /// libxml2's HTML parser; the same paragraphs, or the fast path gives up.
    case html
    /// Recovery: any bytes through the repair pass; what it gives is well-formed (the strict
    /// reader reads it) and needs no repair itself; import with recovery never fails where
    /// the strict reading succeeds, and gives the same document then.
    case recover

    static let current: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["WIREFEED_FUZZ_TARGET"] ?? "import"
        guard let t = FuzzTarget(rawValue: name) else {
            fatalError("WIREFEED_FUZZ_TARGET must be one of \(allCases.map(\.rawValue))")
        }
        return t
    }()

    static let validator: DocumentValidator = {
        var dir = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { dir.deleteLastPathComponent() }
        return DocumentValidator(
            schemasDirectory: dir.path + "/schemas", lint: LintOptions(now: Timestamp(seconds: 1_700_000_000)))
    }()

    func run(_ bytes: [UInt8]) {
        switch self {
        case .import:
            // The events engine against the text reader: the same document and warnings, or
            // both refuse the input.
            let events = try? FeedImporter.document(
                .bytes(bytes), file: "fuzz.xml", options: ImportOptions(engine: .events))
            let reference = try? FeedImporter.document(
                .bytes(bytes), file: "fuzz.xml", options: ImportOptions(engine: .textReader))
            switch (events, reference) {
            case (nil, nil): break
            case (let e?, let r?):
                if e.0 != r.0 { fatalError("events engine read another document than the text reader") }
                if e.1.map(\.formatted) != r.1.map(\.formatted) {
                    fatalError("events engine warned otherwise than the text reader")
                }
            case (nil, _?): fatalError("events engine refused what the text reader read")
            case (_?, nil): fatalError("events engine read what the text reader refused")
            }
        case .recover:
            guard let repaired = try? XMLRepair.repair(bytes, file: "fuzz.xml", items: ["item", "entry"]),
                repaired.hasRoot
            else { return }
            do {
                let reader = try XMLStreamReader(.bytes(repaired.bytes), file: "fuzz.xml", engine: .events)
                try reader.readToEnd()
            } catch let error as XMLError
                where error.code == .notWellFormed && !error.message.contains("empty")
                && !error.message.contains("nested more than")
            {
                fatalError("the repair gave a document that is not well-formed: \(error)")
            } catch {
                // Limits (depth, sizes) still apply to what the repair gives.
            }
            guard let again = try? XMLRepair.repair(repaired.bytes, file: "fuzz.xml", items: ["item", "entry"]) else {
                fatalError("the repair refused its own result")
            }
            if again.bytes != repaired.bytes || !again.notes.isEmpty {
                fatalError("the repair changed its own result: \(again.notes)")
            }
            let strict = try? FeedImporter.document(
                .bytes(bytes), file: "fuzz.xml", options: ImportOptions(recovers: false))
            let recovering = try? FeedImporter.document(.bytes(bytes), file: "fuzz.xml")
            if let strict, recovering?.0 != strict.0 {
                fatalError("recovery changed the reading of a document the strict reader reads")
            }
        case .validate:
            _ = Self.validator.validate(file: "fuzz.xml", bytes: bytes)
        case .text:
            _ = try? CleanedArticleReader().read(bytes: bytes, file: "fuzz.txt")
        case .html:
            let html = String(decoding: bytes, as: UTF8.self)
            let fast = HTMLReducer.reduceOnce(html, base: nil, fast: true)
            let slow = HTMLReducer.reduceOnce(html, base: nil, fast: false)
            if fast.0.paragraphs != slow.0.paragraphs {
                fatalError("fast path: \(fast.0.paragraphs)\nlibxml2:   \(slow.0.paragraphs)")
            }
            if (fast.elements == 0) != (slow.elements == 0) {
                fatalError("fast path saw \(fast.elements) elements, libxml2 \(slow.elements)")
            }
        case .roundtrip:
            guard let article = try? CleanedArticleReader().read(bytes: bytes, file: "fuzz.txt").article else { return }
            // Links a feed may not carry (no scheme, `javascript:`) are the writer's to refuse,
            // naming the article (`convert` says so too): not a round trip to hold.
            let links = (article.url.map { [$0] } ?? []) + article.media.map(\.url)
            guard links.allSatisfy({ (try? URIText.link($0, what: "link", article: article)) != nil }) else { return }
            let updated = Timestamp(seconds: 1_700_000_000)
            // The feed's identity is the caller's to give (wirefeed never invents one): without
            // it every format refuses to write, and the target stopped on its first seed.
            var feed = Feed()
            (feed.title, feed.url, feed.id) = ("Fuzz", "https://fuzz.example/", "tag:fuzz.example,2026:feed")
            for format in [OutputFormat.rss, .atom, .newsml] {
                let xml: [UInt8]
                do {
                    xml = try Converter.render([article], feed: feed, format: format, updated: updated)
                } catch {
                    fatalError("writer failed on an article the reader produced (\(format)): \(error)")
                }
                guard let (doc, _) = try? FeedImporter.document(.bytes(xml), file: "roundtrip.xml") else {
                    fatalError("wirefeed cannot read what it wrote (\(format))")
                }
                guard doc.articles.count == 1, doc.articles[0].id == article.id else {
                    fatalError("round trip lost the article (\(format))")
                }
                if !article.body.isEmpty && doc.articles[0].body.isEmpty {
                    fatalError("round trip lost the body (\(format))")
                }
            }
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzTarget.current.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
