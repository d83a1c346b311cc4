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
/// is held, whatever the size of the batch: a record of each article, and each id with its
/// version, go to disk beyond a chunk (`SpilledRecords`, `SpilledPartitions`); memory keeps
/// a bit per article and, at the end, one partition of the ids at a time (unless `--sort` or
/// `--limit` need them all at hand), besides what is rare and kept aside (held, undated and
/// failed articles, warnings, losses with `--report`, kills for Atom's tombstones).
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
        where first.isNewestVersion(at: i) && (share?.contains(c) ?? true)
            && Publishing.decide(c, format: format, now: publishAt) == .tombstone
        {
            try writer.withdraw(c)
        }
    }

    func writeInOneWalk(
        _ inputs: ArticleInputs, feed: Feed, format: OutputFormat, publishAt: Timestamp, share: Shard?,
        environment: [String: String], to out: any ByteSink
    ) throws -> Walked {
        // A record an article until the end of the walk, on disk beyond a chunk (with --sort
        // they are sorted in memory): a fate is an item's place in the scratch file, or a
        // kind; the few that carry more (an undated entry, an error, a hold) and losses and
        // warnings, which are lists, are kept aside by place.
        struct Seen: BitwiseCopyable {
            var index: Int
            var offset: Int
            var count: Int
            var fate: Fate
        }
        enum Fate: UInt8, BitwiseCopyable {
            case item
            /// An Atom entry without a date: written at the end, with the feed's.
            case undated
            /// Its links cannot be published: an error if it is to be written.
            case failed
            case hold
            case withhold
            case tombstone
        }
        enum Aside {
            case undated(Article)
            case failed(any Error)
            case hold(Timestamp)
        }
        var walked = Walked()
        let fatal = fatalLosses
        let scratch = try ScratchFile(prefix: "wirefeed-items")
        // The items' writer: its head (written before the feed's date is known) is never used.
        let draft = try format.makeWriter(feed: feed, context: context(Timestamp(seconds: 0)), sink: scratch)
        try draft.begin()
        // (Tests make the chunks tiny, to spill a small batch.)
        let chunk = environment["WIREFEED_SPILL_CHUNK"].flatMap { Int($0) }
        var learning = Converter.FirstWalk.Learning(keepsPublished: limit != nil, spills: true, chunk: chunk ?? 1 << 13)
        let seen = SpilledRecords<Seen>(prefix: "wirefeed-seen", chunk: sort.order == nil ? chunk ?? 8192 : Int.max)
        var aside: [Int: Aside] = [:]
        /// The fields each article loses (where any), and what reading it noted: reported (and
        /// judged by --strict) in the order of the output, as the two walks do, once every
        /// input has been read.
        var losses: [Int: (id: String, fields: [String])] = [:]
        var notes: [Int: [Diagnostic]] = [:]
        /// What sorting needs of each (with --sort).
        var keys: [ArticleOrder.Key] = []
        try inputs.forEachReadingAhead { a, warnings in
            let index = learning.index
            let decision = Publishing.decide(a, format: format, now: publishAt)
            try learning.add(a, dated: decision == .publish)
            if let share, !share.contains(a) { return }
            let place = seen.count
            var record = Seen(index: index, offset: 0, count: 0, fate: .item)
            switch decision {
            case .publish:
                if let problem = Self.linkProblem(a) {
                    (record.fate, aside[place]) = (.failed, .failed(problem))
                } else if format == .atom && a.updated == nil && a.published == nil {
                    (record.fate, aside[place]) = (.undated, .undated(a))
                } else {
                    record.offset = scratch.offset
                    try draft.write(a)
                    record.count = scratch.offset - record.offset
                }
            case .hold(let until): (record.fate, aside[place]) = (.hold, .hold(until))
            case .withhold: record.fate = .withhold
            case .tombstone: record.fate = .tombstone
            }
            if sort.order != nil { keys.append(ArticleOrder.Key(a)) }
            if decision == .publish && (report != nil || !fatal.isEmpty) {
                let lost = format.losses(of: a)
                if !lost.isEmpty { losses[place] = (a.id, lost) }
            }
            if !warnings.isEmpty { notes[place] = warnings }
            try seen.append(record)
        }
        let first = try learning.walk(articles: nil, environment: environment)
        let chosen = limit.map { first.newest($0) }
        // The records in the order of the output: as read, else (with --sort) sorted.
        var sorted: [(place: Int, seen: Seen)]?
        if let order = sort.order {
            var all: [(place: Int, seen: Seen)] = []
            try seen.forEach { all.append(($0, $1)) }
            all.sort { order.precedes(keys[$0.place], at: $0.seen.index, keys[$1.place], at: $1.seen.index) }
            sorted = all
            keys = []
        }
        func inOutputOrder(_ body: (Int, Seen) throws -> Void) throws {
            if let sorted { for s in sorted { try body(s.place, s.seen) } } else { try seen.forEach(body) }
        }
        // What is written, decided (and --fail-on-loss judged) before a byte goes out.
        var written = Bits(count: seen.count)
        try inOutputOrder { place, s in
            walked.repaired += report(notes[place] ?? [])
            // --strict stops at the first article that needed repair, before writing it.
            if strict && walked.repaired > 0 { throw StrictStop() }
            if !first.isNewestVersion(at: s.index) {
                walked.olderVersions += 1
                return
            }
            switch s.fate {
            case .item, .undated, .failed:
                if let chosen, !chosen.contains(s.index) {
                    walked.beyondLimit += 1
                    return
                }
                if let (id, lost) = losses[place] {
                    walked.losses.append((id, lost))
                    if let field = lost.first(where: fatal.contains) {
                        throw LossStop(id: id, field: field, format: format)
                    }
                }
                if case .failed(let error) = aside[place] { throw error }
                written[place] = true
            case .hold:
                if case .hold(let until) = aside[place] { walked.held.append(until) }
            case .withhold: walked.withheld += 1
            case .tombstone: walked.tombstones += 1
            }
        }
        let writer = try format.makeWriter(feed: feed, context: context(feed.updated ?? first.updated), sink: out)
        try writer.begin()
        try writeTombstones(first, writer: writer, format: format, share: share, publishAt: publishAt)
        // Items that follow each other in the scratch file are copied together.
        var pending: [(offset: Int, count: Int)] = []
        try inOutputOrder { place, s in
            guard written[place] else { return }
            if s.fate == .item {
                if let last = pending.last, last.offset + last.count == s.offset {
                    pending[pending.count - 1].count += s.count
                } else {
                    pending.append((s.offset, s.count))
                }
                // A sorted run copies in many pieces: a few thousand at a time.
                if pending.count < 4096 { return }
            }
            try scratch.copy(pending, to: out)
            pending.removeAll(keepingCapacity: true)
            if case .undated(let a) = aside[place] { try writer.write(a) }
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
