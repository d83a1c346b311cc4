import ArgumentParser
import WireFeed

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
        subcommands: [Convert.self, Import.self, Validate.self, Merge.self]
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

/// Runs `body`; an error in the input or the XML (IngestError, XMLError) is printed as its
/// one line and ends the command with exit 1. Other errors go on as they are.
func reportingInputErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as IngestError {
        printError(error)
        throw Reported()
    } catch let error as XMLError {
        printError(error)
        throw Reported()
    }
}

/// Prints an error as the one line every command uses: `wirefeed: file:line:column: error:
/// message` (what is not known is left out). The library's errors carry where and what as
/// fields; only here are they put together. `file` stands in when the error names none.
func printError(_ error: any Error, file: String? = nil) {
    switch error {
    case let e as XMLError:
        printError(errorLine(file: e.file ?? file, line: e.line, column: e.column, message: e.message))
    case let e as IngestError:
        printError(errorLine(file: e.file, line: e.line, column: 0, message: e.message))
    default:
        printError(errorLine(file: file, line: 0, column: 0, message: "\(error)"))
    }
}

func errorLine(file: String?, line: Int, column: Int, message: String) -> String {
    var s = "wirefeed: "
    if let file {
        s += file
        if line > 0 {
            s += ":\(line)"
            if column > 0 { s += ":\(column)" }
        }
        s += ": "
    }
    return s + "error: " + message
}
