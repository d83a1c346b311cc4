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

#if canImport(Glibc)
    import Glibc
#endif

/// A child run measured on its own: exit status or signal, its peak resident memory (from
/// `wait4`, so tests running beside it do not count), and its wall time.
struct Measured {
    var status: Int32
    /// The signal that ended it, if one did.
    var signal: Int32?
    var peakKB: Int
    var seconds: Double
    var stdout: [UInt8]
    var stderr: String
    var out: String { String(decoding: stdout, as: UTF8.self) }
}

extension CLI {
    /// How a standard descriptor of the child is set up.
    enum Stream {
        case file(String)
        case closed
        case captured
    }

    /// Runs `wirefeed` with posix_spawn, standard input from `stdin`, each output captured
    /// or closed, and measures it.
    static func measure(_ args: [String], stdin: Stream = .closed, stdout: Stream = .captured, stderr: Stream = .captured) throws -> Measured {
        let dir = try tempDir()
        defer { remove(dir) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let outPath = dir + "/out", errPath = dir + "/err"
        for (fd, stream, captured) in [(Int32(0), stdin, ""), (1, stdout, outPath), (2, stderr, errPath)] {
            switch stream {
            case .closed: posix_spawn_file_actions_addclose(&actions, fd)
            case .file(let path): posix_spawn_file_actions_addopen(&actions, fd, path, fd == 0 ? O_RDONLY : O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            case .captured: posix_spawn_file_actions_addopen(&actions, fd, captured, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            }
        }
        let argv = ([binary] + args).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let start = DispatchTime.now()
        let rc = posix_spawn(&pid, binary, &actions, nil, argv, environ)
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EIO) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let exited = status & 0x7F == 0
        let out = (try? Data(contentsOf: URL(fileURLWithPath: outPath))).map { [UInt8]($0) } ?? []
        let err = (try? Data(contentsOf: URL(fileURLWithPath: errPath))).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return Measured(
            status: exited ? (status >> 8) & 0xFF : -1, signal: exited ? nil : status & 0x7F,
            peakKB: usage.ru_maxrss, seconds: seconds, stdout: out, stderr: err)
    }
}
