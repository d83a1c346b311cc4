import ArgumentParser

#if canImport(Glibc)
    import Glibc
#endif

/// `wirefeed`: news articles to RSS, Atom and NewsML-G2, and back.
struct WireFeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wirefeed",
        abstract:
            "Turn cleaned news articles into RSS 2.0, Atom 1.0 and NewsML-G2, validate feeds, and read them back.",
        discussion: """
            Exit codes: 0 success or valid, 1 bad input or invalid document, 2 usage error.

            Examples:
              wirefeed convert fixtures/articles --feed fixtures/feed.yaml --to rss -o feed.xml
              wirefeed convert article.txt --to json
              wirefeed validate feed.xml --format junit
            """,
        version: "0.1.0",
        subcommands: [Convert.self, Import.self, Validate.self]
    )
}

/// A failure already reported on standard error: exit with `code`, print nothing more.
struct Reported: Error {
    var code: Int32 = 1
}

func printError(_ line: String) {
    var text = line
    if !text.hasSuffix("\n") { text += "\n" }
    var bytes = Array(text.utf8)
    bytes.withUnsafeMutableBytes { p in
        var offset = 0
        while offset < p.count {
            let n = write(2, p.baseAddress! + offset, p.count - offset)
            if n <= 0 { break }
            offset += n
        }
    }
}
