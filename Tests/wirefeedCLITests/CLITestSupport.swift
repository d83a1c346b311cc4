import Foundation
import Testing

/// Runs the built `wirefeed` binary and captures what it prints.
struct CLI {
    struct Result {
        var status: Int32
        var stdout: [UInt8]
        var stderr: String
        var out: String { String(decoding: stdout, as: UTF8.self) }
    }

    static let repo: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let shared = URL(fileURLWithPath: repo).deletingLastPathComponent().path + "/shared"
    static let sharedAvailable = FileManager.default.fileExists(atPath: shared + "/reference/SOURCES.md")

    /// "Within a second" for hostile input; scripts/sanitizers runs an instrumented (slower) binary.
    static let quickly: TimeInterval = ProcessInfo.processInfo.environment["WIREFEED_SANITIZED"] == nil ? 1.0 : 15.0

    /// The `wirefeed` executable next to the test bundle.
    static let binary: String = {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        if dir.path.hasSuffix(".xctest/Contents/MacOS") { dir = dir.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent() }
        let candidate = dir.appendingPathComponent("wirefeed").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        return repo + "/.build/debug/wirefeed"
    }()

    static func run(_ args: [String], stdin: [UInt8]? = nil, cwd: String = CLI.repo, env: [String: String] = [:]) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: cwd)
        var environment = ProcessInfo.processInfo.environment
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        let dir = try tempDir()
        defer { remove(dir) }
        let paths = [dir + "/in", dir + "/out", dir + "/err"]
        _ = FileManager.default.createFile(atPath: paths[0], contents: Data(stdin ?? []))
        _ = FileManager.default.createFile(atPath: paths[1], contents: nil)
        _ = FileManager.default.createFile(atPath: paths[2], contents: nil)
        p.standardInput = FileHandle(forReadingAtPath: paths[0])
        p.standardOutput = FileHandle(forWritingAtPath: paths[1])
        p.standardError = FileHandle(forWritingAtPath: paths[2])
        try p.run()
        p.waitUntilExit()
        let outData = try Data(contentsOf: URL(fileURLWithPath: paths[1]))
        let errData = try Data(contentsOf: URL(fileURLWithPath: paths[2]))
        return Result(status: p.terminationStatus, stdout: [UInt8](outData), stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Removes a directory made by `tempDir()` (tests call it in a `defer`, so /tmp does not fill up).
    static func remove(_ dir: String) {
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// A fresh directory under the system's temporary directory; the caller removes it.
    static func tempDir() throws -> String {
        let dir = NSTemporaryDirectory() + "wirefeed-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }
}
