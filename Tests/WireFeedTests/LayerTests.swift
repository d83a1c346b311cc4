import Foundation
import Testing

/// The layers the package is built from, lowest first. A module may import only modules of
/// a lower layer: the model knows no format, the formats know no ingest, and so on up to
/// the product and the tools. The C libraries stay sealed: libxml2 in XMLCore, libyaml in
/// YAMLCore. These tests read the sources and Package.swift, so a change that points a
/// dependency upwards fails here even before it could form a cycle.
@Suite struct LayerTests {
    static let layers: [[String]] = [
        ["TextKernel", "Workers", "CLibXML2", "CLibYAML", "SeededRandom"],
        ["XMLCore", "YAMLCore", "WireModel"],
        ["NewsText"],
        ["WireFormats"],
        ["WireIngest"],
        ["WireValidate"],
        ["WireImport"],
        ["WireFeed"],
        ["wirefeed", "wirefeed-fuzz", "wirefeed-bench"],
    ]

    /// Which module may import a C library.
    static let sealed: [String: String] = ["CLibXML2": "XMLCore", "CLibYAML": "YAMLCore"]

    static func rank(_ module: String) -> Int? {
        layers.firstIndex { $0.contains(module) }
    }

    /// The rule, on a map from each module to the modules it imports: one line per breach.
    static func breaches(_ imports: [String: Set<String>]) -> [String] {
        var found: [String] = []
        for (module, imported) in imports.sorted(by: { $0.key < $1.key }) {
            guard let own = rank(module) else {
                found.append("\(module) is in no layer (add it to LayerTests.layers)")
                continue
            }
            for other in imported.sorted() {
                guard let theirs = rank(other) else { continue }  // outside the package
                if theirs >= own {
                    found.append("\(module) (layer \(own)) imports \(other) (layer \(theirs))")
                }
                if let owner = sealed[other], owner != module {
                    found.append("\(module) imports \(other), which only \(owner) may")
                }
            }
        }
        return found
    }

    /// Each target folder under Sources and Benchmarks, with the modules its files import.
    static func sourceImports() throws -> [String: Set<String>] {
        let fm = FileManager.default
        var imports: [String: Set<String>] = [:]
        for root in ["Sources", "Benchmarks"] {
            let dir = Paths.repo + "/" + root
            for target in try fm.contentsOfDirectory(atPath: dir).sorted() where !target.hasPrefix(".") {
                var modules: Set<String> = []
                let enumerator = fm.enumerator(atPath: dir + "/" + target)
                while let path = enumerator?.nextObject() as? String {
                    let full = dir + "/" + target + "/" + path
                    if path.hasSuffix(".swift") {
                        modules.formUnion(importedModules(try String(contentsOfFile: full, encoding: .utf8)))
                    } else if path.hasSuffix("module.modulemap") {
                        continue
                    }
                }
                imports[target] = modules
            }
        }
        return imports
    }

    /// The modules a Swift file imports (`import X`, `public import X`, `import struct X.Y`…).
    static func importedModules(_ source: String) -> Set<String> {
        var modules: Set<String> = []
        for line in source.split(separator: "\n") {
            var words = line.split(separator: " ").map(String.init)
            while let first = words.first, first.hasPrefix("@") || ["public", "package", "internal"].contains(first) {
                words.removeFirst()
            }
            guard words.first == "import", words.count >= 2 else { continue }
            let path =
                words.count >= 3 && ["struct", "class", "enum", "protocol", "func", "let", "var"].contains(words[1])
                ? words[2] : words[1]
            modules.insert(String(path.split(separator: ".")[0]))
        }
        return modules
    }

    /// Each target in Package.swift with the targets it names as dependencies.
    static func manifestDependencies() throws -> [String: Set<String>] {
        let manifest = try String(contentsOfFile: Paths.repo + "/Package.swift", encoding: .utf8)
        var result: [String: Set<String>] = [:]
        // Each target declaration runs from its `.target(` (or `.executableTarget(`…) to the next.
        var marked = manifest
        for kind in [".target(", ".executableTarget(", ".testTarget(", ".systemLibrary("] {
            marked = marked.replacingOccurrences(of: kind, with: "\u{1}")
        }
        let pieces = marked.split(separator: "\u{1}").dropFirst()
        for piece in pieces {
            guard let nameRange = piece.firstRange(of: "name: \"") else { continue }
            let name = String(piece[nameRange.upperBound...].prefix { $0 != "\"" })
            guard let deps = piece.firstRange(of: "dependencies: [") else {
                result[name, default: []] = result[name] ?? []
                continue
            }
            var names: Set<String> = []
            var depth = 1
            var current = ""
            var inString = false
            for c in piece[deps.upperBound...] {
                if c == "\"" {
                    if inString, depth == 1 { names.insert(current) }
                    inString.toggle()
                    current = ""
                    continue
                }
                if inString {
                    current.append(c)
                } else if c == "[" {
                    depth += 1
                } else if c == "]" {
                    depth -= 1
                    if depth == 0 { break }
                }
            }
            result[name, default: []].formUnion(names)
        }
        return result
    }

    @Test func theRuleFindsAnImportThatPointsUp() {
        #expect(Self.breaches(["WireModel": ["TextKernel"], "WireFormats": ["WireModel", "XMLCore"]]).isEmpty)
        #expect(Self.breaches(["WireModel": ["WireFormats"]]) == ["WireModel (layer 1) imports WireFormats (layer 3)"])
        #expect(Self.breaches(["WireModel": ["XMLCore"]]) == ["WireModel (layer 1) imports XMLCore (layer 1)"])
        #expect(
            Self.breaches(["WireFormats": ["CLibXML2"]]) == ["WireFormats imports CLibXML2, which only XMLCore may"])
        #expect(Self.breaches(["Elsewhere": []]) == ["Elsewhere is in no layer (add it to LayerTests.layers)"])
        #expect(
            Self.importedModules("import Foundation\n@_exported public import struct XMLCore.Limits\n  // import X")
                == ["Foundation", "XMLCore"])
    }

    @Test func noSourceImportsAHigherLayer() throws {
        let imports = try Self.sourceImports()
        #expect(imports.keys.contains("WireModel") && imports.keys.contains("WireFeed"))
        #expect(Self.breaches(imports) == [])
    }

    @Test func noManifestDependencyPointsUp() throws {
        let dependencies = try Self.manifestDependencies().filter { !$0.key.hasSuffix("Tests") }
        #expect(dependencies["WireFormats"]?.contains("WireModel") == true)
        #expect(Self.breaches(dependencies) == [])
    }
}
