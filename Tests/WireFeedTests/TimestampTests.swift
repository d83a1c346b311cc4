import Testing
import WireFeed

@Suite struct TimestampTests {
    @Test func rfc3339KeepsTheOffset() throws {
        let t = try #require(Timestamp(rfc3339: "2020-07-07T10:00:00+07:00"))
        #expect(t.rfc3339 == "2020-07-07T10:00:00+07:00")
        #expect(t.rfc822 == "Tue, 07 Jul 2020 10:00:00 +0700")
        #expect(t.seconds == 1_594_090_800)
        #expect(Timestamp(rfc3339: "2020-07-07T03:00:00Z")!.rfc3339 == "2020-07-07T03:00:00Z")
        #expect(Timestamp(rfc3339: "1999-12-31T23:59:59.25-05:30")!.rfc3339 == "1999-12-31T23:59:59.25-05:30")
    }

    @Test(arguments: [
        "2020-07-07", "2020-07-07T10:00", "2020-07-07T10:00:00", "2020-13-01T00:00:00Z", "2021-02-29T00:00:00Z",
        "yesterday",
    ])
    func strictRFC3339RejectsIncompleteDates(_ text: String) {
        #expect(Timestamp(rfc3339: text) == nil)
    }

    @Test func weekdaysAndLeapYears() throws {
        #expect(Timestamp(rfc3339: "2000-02-29T12:00:00Z")!.rfc822 == "Tue, 29 Feb 2000 12:00:00 +0000")
        #expect(Timestamp(rfc3339: "1970-01-01T00:00:00Z")!.rfc822 == "Thu, 01 Jan 1970 00:00:00 +0000")
        #expect(Timestamp(rfc3339: "2024-06-01T00:30:00+13:45")!.rfc822 == "Sat, 01 Jun 2024 00:30:00 +1345")
        #expect(Timestamp(rfc3339: "1969-12-31T23:00:00-02:00")!.rfc3339 == "1969-12-31T23:00:00-02:00")
    }

    @Test func lenientParsing() throws {
        var notes: DateParser.Notes = []
        let t = try #require(DateParser.parseRFC822("Mon, 07 Jul 2020 10:00:00 GMT", notes: &notes))
        #expect(notes.contains(.wrongWeekday))
        #expect(t.rfc3339 == "2020-07-07T10:00:00Z")
        notes = []
        #expect(DateParser.parseRFC822("7 Jul 20 10:00 PDT", notes: &notes)?.rfc3339 == "2020-07-07T10:00:00-07:00")
        #expect(notes.contains(.twoDigitYear) && notes.contains(.noSeconds))
        #expect(DateParser.parseAny("2020-07-07", notes: &notes)?.rfc3339 == "2020-07-07T00:00:00Z")
    }

    @Test func jsonFormKeepsOffset() throws {
        var a = Article(id: "x")
        a.published = Timestamp(rfc3339: "2024-02-14T06:15:00+13:00")
        let bytes = try Converter.render([a], format: .json, updated: a.published!)
        #expect(String(decoding: bytes, as: UTF8.self).contains("\"published\":\"2024-02-14T06:15:00+13:00\""))
    }
}
