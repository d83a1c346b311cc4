import Foundation
import Testing

@testable import WireFeed

/// The fast JSON reader reads exactly what JSONDecoder reads.
@Suite struct ArticleJSONParserTests {
    func fast(_ json: String) -> Article? {
        var bytes = Array(json.utf8)
        return bytes.withUnsafeMutableBufferPointer { try? ArticleJSONParser.article(UnsafeBufferPointer($0)) }
    }

    @Test func agreesWithJSONDecoderOnGeneratedArticles() throws {
        for var a in Generated.articles(count: 200, seed: 42) {
            if a.rights == Rights() { a.rights = nil }  // an empty Rights is omitted from JSON
            for data in [
                try JSONEncoder().encode(a), Data(try Converter.render([a], format: .json, updated: Fixtures.updated)),
            ] {
                let text = String(decoding: data, as: UTF8.self)
                // The document form wraps the article: take it out.
                let json =
                    text.hasPrefix("{\"articles\"")
                    ? String(text.dropFirst("{\"articles\":[\n  ".count).dropLast("\n]}\n".count)) : text
                let decoded = try JSONDecoder().decode(Article.self, from: Data(json.utf8))
                #expect(fast(json) == decoded)
                #expect(decoded == a)
            }
        }
    }

    @Test func escapesUnicodeAndUnknownKeys() {
        let a = fast(
            #"{"id":"x","title":"Tab\there \"q\" \\ \/ \u00e9 \ud83d\udea2","extra":{"a":[1,2,{"b":null}]},"urgency":3,"summary":null}"#
        )
        #expect(a?.title == "Tab\there \"q\" \\ / é 🚢")
        #expect(a?.urgency == 3)
        #expect(a?.summary == nil)
    }

    @Test(arguments: [
        #"{"title":"no id"}"#, #"{"id":"x","urgency":1.5}"#, #"{"id":"x","status":"gone"}"#, #"{"id":"x""#,
        #"{"id":"x","published":"yesterday"}"#, #"{"id":"x","title":"bad \q escape"}"#, #"{"id":"x"} trailing"#,
    ])
    func refusesWhatJSONDecoderRefuses(_ json: String) {
        #expect(fast(json) == nil)
        #expect((try? JSONDecoder().decode(Article.self, from: Data(json.utf8))) == nil)
    }
}
