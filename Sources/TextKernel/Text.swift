extension String {
    /// The string without padding at either end: white space, U+200B and U+FEFF (see
    /// ``Whitespace``).
    package func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !Whitespace.isPadding($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !Whitespace.isPadding($0) })!
        return String(scalars[first...last])
    }

    /// Runs of white space made one ASCII space, padding trimmed at both ends.
    package func collapsingWhitespace() -> String {
        let collapsed = Whitespace.collapse(self)
        guard let first = collapsed.unicodeScalars.first, let last = collapsed.unicodeScalars.last,
            first.value == 0x200B || first.value == 0xFEFF || last.value == 0x200B || last.value == 0xFEFF
        else { return collapsed }
        return collapsed.trimmingWhitespace()
    }

    /// Every occurrence of `target` replaced (Foundation-free).
    package func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var out = ""
        var rest = self[...]
        while let r = rest.firstRange(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        out += rest
        return out
    }
}
