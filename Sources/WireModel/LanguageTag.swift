/// Language tags as feeds write them (`en_US`, `EN-us`, `zh-hant-tw`), in BCP 47's
/// conventional form: the language in lower case, a script in title case, a region in
/// upper case, `-` between subtags.
public enum LanguageTag {
    public static func normalized(_ raw: String) -> String? {
        let parts = raw.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == " " || $0 == "\t" || $0 == "\n" })
        guard let first = parts.first,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } })
        else { return nil }
        var out = [first.lowercased()]
        for (k, p) in parts.dropFirst().enumerated() {
            if k == 0 && p.count == 4 && p.allSatisfy(\.isLetter) {
                out.append(p.prefix(1).uppercased() + p.dropFirst().lowercased())
            } else if (p.count == 2 && p.allSatisfy(\.isLetter)) || (p.count == 3 && p.allSatisfy(\.isNumber)) {
                // A region (after the language and an optional script) is upper case.
                out.append(out.count <= 2 ? p.uppercased() : p.lowercased())
            } else {
                out.append(p.lowercased())
            }
        }
        return out.joined(separator: "-")
    }
}
