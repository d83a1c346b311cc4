import Testing

@testable import WireFormats

/// Links are written percent-encoded where RFC 3986 requires it, and refused without a
/// scheme or with a scripting one.
@Suite struct URITextTests {
    @Test(arguments: [
        ("https://news.example.org/a/b?c=d&e=f#g", "https://news.example.org/a/b?c=d&e=f#g"),
        ("  https://x.example/a b  ", "https://x.example/a%20b"),
        ("https://x.example/café", "https://x.example/caf%C3%A9"),
        ("https://x.example/%41%zz", "https://x.example/%41%25zz"),
        ("https://x.example/a%2", "https://x.example/a%252"),
        ("https://x.example/\"<>\\^`{|}", "https://x.example/%22%3C%3E%5C%5E%60%7B%7C%7D"),
        ("mailto:desk@example.org", "mailto:desk@example.org"),
        ("urn:uuid:1687559e-58c7-5d10-9640-05bbb1f6d61b", "urn:uuid:1687559e-58c7-5d10-9640-05bbb1f6d61b"),
        ("tag:example.org,2024:a b", "tag:example.org,2024:a%20b"),
        ("svn+ssh://x.example/r", "svn+ssh://x.example/r"),
    ])
    func encodes(_ given: String, _ expected: String) {
        #expect(URIText.encoded(given) == expected)
    }

    @Test(arguments: [
        "javascript:alert(1)", "JavaScript:x", "vbscript:x", "data:text/html,x", "no scheme", "/relative/path",
        ":x", "1http://x", "ht tp://x", "é:x", "",
    ])
    func refuses(_ given: String) {
        #expect(URIText.encoded(given) == nil)
    }
}
