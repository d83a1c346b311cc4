import Testing

@testable import TextKernel

/// The one UTF-8 definition is the standard's: it agrees with the standard library's
/// validating initializer on every input, overlong forms, surrogates and cut sequences included.
@Suite struct UTF8CheckTests {
    static func agrees(_ bytes: [UInt8]) -> Bool {
        (UTF8Check.firstInvalid(bytes) == nil) == (String(validating: bytes, as: UTF8.self) != nil)
    }

    @Test func namedCases() {
        let cases: [[UInt8]] = [
            [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF], [0xE0, 0xA0, 0x80],
            [0xED, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xF0, 0x8F, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80],
            [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xE2, 0x82], [0xC3], [0x80],
            Array("café 日本 🎉".utf8),
        ]
        for c in cases { #expect(Self.agrees(c), "\(c)") }
        #expect(UTF8Check.firstInvalid([0x61, 0xED, 0xA0, 0x80]) == 1)
        #expect(UTF8Check.firstInvalid(Array("abc".utf8)[1...]) == nil)
        #expect(UTF8Check.firstInvalid([0x61, 0x62, 0xC3][1...]) == 1)
    }

    @Test func randomBytesNearUTF8() {
        var rng = SystemRandomNumberGenerator()
        let interesting: [UInt8] = [
            0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE,
            0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF,
        ]
        for _ in 0..<20_000 {
            let bytes = (0..<Int.random(in: 0...8, using: &rng)).map { _ in interesting.randomElement(using: &rng)! }
            #expect(Self.agrees(bytes), "\(bytes)")
        }
    }
}
