import ArgumentParser

/// A size on the command line: bytes, or with a K, M or G suffix (powers of 1024).
struct ByteCount: ExpressibleByArgument {
    var bytes: Int

    init?(argument: String) {
        var text = argument.uppercased()
        var unit = 1
        if let last = text.last, let u = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30][String(last)] {
            unit = u
            text.removeLast()
        }
        guard let n = Int(text), n > 0, n <= Int.max / unit else { return nil }
        bytes = n * unit
    }

    var defaultValueDescription: String { "\(bytes)" }
}
