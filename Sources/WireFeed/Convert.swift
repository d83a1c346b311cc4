import Foundation
import XMLCore

/// Converting articles to a feed, as `wirefeed convert` does.
public enum Converter {
    /// The feed's `updated` time: the feed's own, else the newest article date among
    /// the inputs (a first pass that keeps only dates), else `SOURCE_DATE_EPOCH`, else now.
    public static func resolveUpdated(feed: Feed, inputs: ArticleInputs, environment: [String: String]) throws -> Timestamp {
        if let updated = feed.updated { return updated }
        var newest: Timestamp?
        // Inputs that cannot be read are reported by the pass that writes.
        try inputs.forEach(onFailure: { _ in }) { article, _ in
            for t in [article.updated, article.published].compactMap({ $0 }) where newest == nil || t > newest! {
                newest = t
            }
        }
        if let newest { return newest }
        if let epoch = environment["SOURCE_DATE_EPOCH"], let seconds = Int64(epoch) {
            return Timestamp(seconds: seconds)
        }
        return now()
    }

    /// The current time in UTC, to the second.
    public static func now() -> Timestamp {
        Timestamp(seconds: Int64(Date().timeIntervalSince1970))
    }
}

extension Converter {
    /// Writes `articles` in `format` to memory and returns the bytes.
    public static func render(
        _ articles: [Article], feed: Feed = Feed(), format: OutputFormat, updated: Timestamp, indent: Bool = true
    ) throws -> [UInt8] {
        let sink = MemorySink()
        let writer = try format.makeWriter(feed: feed, context: WriteContext(updated: updated, indent: indent), sink: sink)
        try writer.begin()
        for a in articles { try writer.write(a) }
        try writer.finish()
        return sink.bytes
    }
}
