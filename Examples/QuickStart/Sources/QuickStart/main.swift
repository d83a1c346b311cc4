import Foundation
import WireFeed

// 1. Convert an article to RSS, in memory.
var article = Article(id: "tag:example.org,2024:quickstart", title: "Harbour reopens after the storm")
article.body = ["The harbour reopened on Monday after a week of repairs.", "Ferries resumed at noon."]
article.published = Timestamp(rfc3339: "2024-06-03T09:30:00Z")
let feed = Feed(title: "Example Wire", url: "https://news.example.org/")
let rss = try Converter.render([article], feed: feed, format: .rss, updated: article.published!)
print("RSS: \(rss.count) bytes")

// 2. Import a feed from bytes: the same article comes back.
let (document, warnings) = try FeedImporter.document(.bytes(rss), file: "quickstart.xml")
guard document.articles.first?.title == article.title else {
    FileHandle.standardError.write(Data("the article did not come back\n".utf8))
    exit(1)
}
print("imported \(document.articles.count) article(s), \(warnings.count) warning(s)")

// 3. Validate the document against wirefeed's schemas (given as the first argument).
let schemas = CommandLine.arguments.dropFirst().first
let validator = DocumentValidator(schemasDirectory: schemas, lint: LintOptions(now: article.published!))
let report = validator.validate(file: "quickstart.xml", bytes: rss)
for d in report.diagnostics { print(d.formatted) }
print("valid: \(report.isValid())")
exit(report.isValid() ? 0 : 1)
