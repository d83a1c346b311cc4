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

    /// The least feed metadata RSS and Atom need (a title and a link), for tests where the
    /// feed itself is not under test.
    static let identity = repo + "/fixtures/feed-identity.yaml"

    static let shared = URL(fileURLWithPath: repo).deletingLastPathComponent().path + "/shared"
    static let sharedAvailable = FileManager.default.fileExists(atPath: shared + "/reference/SOURCES.md")

    /// "Quickly" for hostile input: what it guards against takes minutes (an entity bomb, a
    /// quadratic blow-up), so the bound is loose enough for a loaded 2-core machine running the
    /// other tests beside it; scripts/sanitizers runs an instrumented (slower) binary.
    static let quickly: TimeInterval = ProcessInfo.processInfo.environment["WIREFEED_SANITIZED"] == nil ? 10.0 : 60.0

    /// The `wirefeed` executable next to the test bundle.
    static let binary: String = {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        if dir.path.hasSuffix(".xctest/Contents/MacOS") {
            dir = dir.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        }
        let candidate = dir.appendingPathComponent("wirefeed").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        return repo + "/.build/debug/wirefeed"
    }()

    static func run(_ args: [String], stdin: [UInt8]? = nil, cwd: String = CLI.repo, env: [String: String] = [:]) throws
        -> Result
    {
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
        return Result(
            status: p.terminationStatus, stdout: [UInt8](outData), stderr: String(decoding: errData, as: UTF8.self))
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
    /// Starts `wirefeed` with `actions`, an empty signal mask and default signal handling
    /// (whatever the test runner's threads block or ignore), and `extra` in its environment.
    static func spawn(
        _ args: [String], actions: inout posix_spawn_file_actions_t, extra: [String: String] = [:],
        measuredInto timing: String? = nil
    ) throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for sig in [SIGTERM, SIGINT, SIGHUP, SIGPIPE] { sigaddset(&defaults, sig) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let command = timing.map { ["/usr/bin/time", "-f", "%M", "-o", $0, binary] } ?? [binary]
        let argv = (command + args).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var environment = ProcessInfo.processInfo.environment
        for (k, v) in extra { environment[k] = v }
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, command[0], &actions, &attributes, argv, envp)
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EIO) }
        return pid
    }

    /// How a standard descriptor of the child is set up.
    enum Stream {
        case file(String)
        case closed
        case captured
    }

    /// Runs `wirefeed` with posix_spawn, standard input from `stdin`, each output captured
    /// or closed, and measures it.
    /// `memory`: measure the peak too (through GNU time, which opens a file of its own: a run
    /// whose standard descriptors are closed is not measured, or it would get that file).
    static func measure(
        _ args: [String], stdin: Stream = .closed, stdout: Stream = .captured, stderr: Stream = .captured,
        memory: Bool = true
    ) throws -> Measured {
        let dir = try tempDir()
        defer { remove(dir) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let outPath = dir + "/out"
        let errPath = dir + "/err"
        for (fd, stream, captured) in [(Int32(0), stdin, ""), (1, stdout, outPath), (2, stderr, errPath)] {
            switch stream {
            case .closed: posix_spawn_file_actions_addclose(&actions, fd)
            case .file(let path):
                posix_spawn_file_actions_addopen(
                    &actions, fd, path, fd == 0 ? O_RDONLY : O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            case .captured:
                posix_spawn_file_actions_addopen(&actions, fd, captured, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            }
        }
        // The peak is measured by GNU time, which forks the run from its own small process:
        // a child spawned straight from this (large, vfork-spawning) test process inherits the
        // parent's peak in its ru_maxrss on Linux.
        let timing = dir + "/time"
        let start = DispatchTime.now()
        let pid = try spawn(args, actions: &actions, measuredInto: memory ? timing : nil)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let out = (try? Data(contentsOf: URL(fileURLWithPath: outPath))).map { [UInt8]($0) } ?? []
        let err =
            (try? Data(contentsOf: URL(fileURLWithPath: errPath))).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let report = (try? String(contentsOfFile: timing, encoding: .utf8)) ?? ""
        // "Command terminated by signal N" (then the figures), or "Command exited with non-zero status N".
        var signal: Int32? = !memory && status & 0x7F != 0 ? status & 0x7F : nil
        if let line = report.split(separator: "\n").first(where: { $0.hasPrefix("Command terminated by signal ") }) {
            signal = Int32(line.split(separator: " ").last ?? "")
        }
        let peak =
            memory
            ? report.split(separator: "\n").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? Int.max : 0
        return Measured(
            status: signal == nil ? (status >> 8) & 0xFF : -1, signal: signal,
            peakKB: peak, seconds: seconds, stdout: out, stderr: err)
    }
}
