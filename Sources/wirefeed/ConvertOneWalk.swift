import Foundation
import WireFeed
import XMLCore

/// RSS and Atom in one walk over the inputs.
///
/// A feed's head needs what only the end of the inputs tells: the newest date, which version
/// of each story is the newest, which stories `--limit` keeps. Other formats learn it in a
/// first walk and read the inputs again to write them (or keep the articles, up to a
/// budget). Here each item is written as it is read, on the reading's own heels, to a scratch
/// file, while the walk learns the rest; then the head goes out and the items the rules keep
/// are copied from the scratch file, in their order. No input is read twice and no article
/// is held, whatever the size of the batch: memory keeps a few numbers per article.
///
/// Item bytes do not depend on the head (an RSS item never; an Atom entry only through the
/// feed's date, which stands in for an undated entry's `updated`: those few are kept and
/// written at the end). `OneWalkTests` holds the output to the two-walk one, byte for byte.
extension Convert {
    /// Whether the format is written in one walk: RSS and Atom, but not archive pages or
    /// `--max-bytes` (which measure whole documents).
    func writesInOneWalk(_ format: OutputFormat) -> Bool {
        (format == .rss || format == .atom) && archiveDir == nil && maxBytes == nil
            && ProcessInfo.processInfo.environment["WIREFEED_TWO_WALKS"] == nil
    }

    /// The fields `--fail-on-loss` names.
    var fatalLosses: Set<String> {
        Set((failOnLoss ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            .subtracting([""])
    }

    /// What the output left out (and the warnings counted), for the notes after it: what the
    /// one walk and the two walks both count.
    struct Walked {
        var held: [Timestamp] = []
        var withheld = 0
        var tombstones = 0
        var olderVersions = 0
        var beyondLimit = 0
        var repaired = 0
        var losses: [(id: String, fields: [String])] = []
    }

    /// Tombstones first (Atom): each canceled story that is the newest of its versions, in
    /// the order of the entries (a sorted run lists them sorted too, as a merge does).
    func writeTombstones(
        _ first: Converter.FirstWalk, writer: any FeedWriter, format: OutputFormat, share: Shard?,
        publishAt: Timestamp
    ) throws {
        guard format == .atom else { return }
        var canceled = first.canceled
        if let order = sort.order {
            canceled.sort { order.precedes($0.article, at: $0.index, $1.article, at: $1.index) }
        }
        for (i, c) in canceled
        where (first.newestVersion(of: c.id) ?? i) == i && (share?.contains(c) ?? true)
            && Publishing.decide(c, format: format, now: publishAt) == .tombstone
        {
            try writer.withdraw(c)
        }
    }

    func writeInOneWalk(
        _ inputs: ArticleInputs, feed: Feed, format: OutputFormat, publishAt: Timestamp, share: Shard?,
        environment: [String: String], to out: any ByteSink
    ) throws -> Walked {
        // A few words an article until the end of the walk: a fate is no larger than an
        // item's place in the scratch file (an undated entry and an error are a reference, a
        // hold a timestamp); losses and warnings, which are lists, are kept aside by place.
        enum Fate {
            case item(offset: Int, count: Int)
            /// An Atom entry without a date: written at the end, with the feed's.
            indirect case undated(Article)
            /// Its links cannot be published: an error if it is to be written.
            case failed(any Error)
            case hold(Timestamp)
            case withhold
            case tombstone
        }
        struct Seen {
            var index: Int32
            /// The number of its id (``Converter/FirstWalk/Learning/add(_:dated:)``).
            var number: Int32
            var fate: Fate
            /// Whether it is written (decided once every input has been read).
            var isWritten = false
        }
        var walked = Walked()
        let fatal = fatalLosses
        let scratch = try ScratchFile(prefix: "wirefeed-items")
        // The items' writer: its head (written before the feed's date is known) is never used.
        let draft = try format.makeWriter(feed: feed, context: context(Timestamp(seconds: 0)), sink: scratch)
        try draft.begin()
        var learning = Converter.FirstWalk.Learning(keepsPublished: limit != nil)
        var seen: [Seen] = []
        /// The fields each article loses (where any), and what reading it noted: reported (and
        /// judged by --strict) in the order of the output, as the two walks do, once every
        /// input has been read.
        var losses: [Int: [String]] = [:]
        var notes: [Int: [Diagnostic]] = [:]
        /// What sorting needs of each (with --sort).
        var keys: [ArticleOrder.Key] = []
        try inputs.forEachReadingAhead { a, warnings in
            let index = learning.index
            let decision = Publishing.decide(a, format: format, now: publishAt)
            let number = learning.add(a, dated: decision == .publish)
            if let share, !share.contains(a) { return }
            let place = seen.count
            let fate: Fate
            switch decision {
            case .publish:
                if let problem = Self.linkProblem(a) {
                    fate = .failed(problem)
                } else if format == .atom && a.updated == nil && a.published == nil {
                    fate = .undated(a)
                } else {
                    let start = scratch.offset
                    try draft.write(a)
                    fate = .item(offset: start, count: scratch.offset - start)
                }
            case .hold(let until): fate = .hold(until)
            case .withhold: fate = .withhold
            case .tombstone: fate = .tombstone
            }
            if sort.order != nil { keys.append(ArticleOrder.Key(a)) }
            if decision == .publish && (report != nil || !fatal.isEmpty) {
                let lost = format.losses(of: a)
                if !lost.isEmpty { losses[place] = lost }
            }
            if !warnings.isEmpty { notes[place] = warnings }
            seen.append(Seen(index: Int32(index), number: Int32(number), fate: fate))
        }
        let first = learning.walk(articles: nil, environment: environment)
        let chosen = limit.map { first.newest($0) }
        // The places in the order of the output (with --sort; else in the order read).
        let sorted = sort.order.map { order in
            (0..<seen.count).sorted {
                order.precedes(keys[$0], at: Int(seen[$0].index), keys[$1], at: Int(seen[$1].index))
            }
        }
        keys = []
        // What is written, decided (and --fail-on-loss judged) before a byte goes out.
        for k in 0..<seen.count {
            let place = sorted?[k] ?? k
            let s = seen[place]
            walked.repaired += report(notes[place] ?? [])
            // --strict stops at the first article that needed repair, before writing it.
            if strict && walked.repaired > 0 { throw StrictStop() }
            if first.newestVersion(ofNumber: Int(s.number)) != Int(s.index) {
                walked.olderVersions += 1
                continue
            }
            switch s.fate {
            case .item, .undated, .failed:
                if let chosen, !chosen.contains(Int(s.index)) {
                    walked.beyondLimit += 1
                    continue
                }
                if let lost = losses[place] {
                    let id = first.id(ofNumber: Int(s.number))
                    walked.losses.append((id, lost))
                    if let field = lost.first(where: fatal.contains) {
                        throw LossStop(id: id, field: field, format: format)
                    }
                }
                if case .failed(let error) = s.fate { throw error }
                seen[place].isWritten = true
            case .hold(let until): walked.held.append(until)
            case .withhold: walked.withheld += 1
            case .tombstone: walked.tombstones += 1
            }
        }
        let writer = try format.makeWriter(feed: feed, context: context(feed.updated ?? first.updated), sink: out)
        try writer.begin()
        try writeTombstones(first, writer: writer, format: format, share: share, publishAt: publishAt)
        // Items that follow each other in the scratch file are copied together.
        var pending: [(offset: Int, count: Int)] = []
        for k in 0..<seen.count {
            let place = sorted?[k] ?? k
            guard seen[place].isWritten else { continue }
            switch seen[place].fate {
            case .item(let offset, let count): pending.append((offset, count))
            case .undated(let a):
                try scratch.copy(pending, to: out)
                pending.removeAll()
                try writer.write(a)
            default: break
            }
        }
        try scratch.copy(pending, to: out)
        try writer.finish()
        return walked
    }

    /// The error writing the article would meet over its links (`javascript:`, no scheme…).
    static func linkProblem(_ a: Article) -> (any Error)? {
        do {
            _ = try a.url.map { try URIText.link($0, what: "url", article: a) }
            for m in a.media { _ = try URIText.link(m.url, what: "media url", article: a) }
            return nil
        } catch {
            return error
        }
    }
}
