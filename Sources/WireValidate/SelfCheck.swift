import Foundation
public import WireFormats
import Workers
public import XMLCore

#if canImport(Glibc)
    import Glibc
#endif

/// The feed rules `validate` runs, run over a document while it is written: a sink that
/// passes every byte on to the real sink and, through a pipe, to the rules on a second
/// thread. The caller asks for the ``verdict()`` before it commits the real sink, so a
/// writer that breaks a rule never leaves a published file behind.
public final class SelfCheck: ByteSink {
    private let inner: any ByteSink
    private var writeEnd: Int32
    private let pass: Concurrent<[Diagnostic]>

    /// Starts the rules for `format` on a second thread; `name` is what findings call the document.
    public init(passingOn inner: any ByteSink, format: DocumentFormat, options: LintOptions, name: String) throws {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else {
            throw XMLError(.writer, "cannot check the output: no pipe (\(String(cString: strerror(errno))))")
        }
        // A larger pipe (1 MiB where the system allows) lets the writer run ahead of the
        // rules: fewer switches between the two threads.
        _ = fcntl(fds[1], 1031, Int32(1 << 20))  // F_SETPIPE_SZ (Linux)
        self.inner = inner
        self.writeEnd = fds[1]
        let readEnd = fds[0]
        pass = Concurrent.start {
            let stream = ByteStream(fd: readEnd)
            // Reading and the rules on two threads (the rules' own pipeline): the writer and
            // the reader share the machine with them.
            let findings: [Diagnostic]
            do {
                let reader = try XMLStreamReader(.stream(stream), file: name)
                findings = try LintEngine.run(
                    reader: reader, file: name, format: format, options: options, pipelined: true)
            } catch {
                findings = [
                    Diagnostic(
                        file: name, severity: .error, message: "the output is not well-formed XML: \(error)",
                        rule: "xml")
                ]
            }
            // The rules may stop early (a document that is not well-formed): the writer
            // must never block on a full pipe, so the rest is read and dropped.
            var scratch = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = scratch.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
            }
            close(readEnd)
            return findings
        }
    }

    deinit { closeWriteEnd() }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        try inner.write(bytes)
        guard writeEnd >= 0, var p = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let n = Glibc.write(writeEnd, p, left)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                // The check cannot go on; the output itself is unharmed.
                closeWriteEnd()
                return
            }
            p += n
            left -= n
        }
    }

    /// The rules' findings on everything written (waits for the second thread).
    public func verdict() -> [Diagnostic] {
        closeWriteEnd()
        return pass.wait()
    }

    public func commit() throws { try inner.commit() }

    public func abort() {
        closeWriteEnd()
        inner.abort()
    }

    private func closeWriteEnd() {
        if writeEnd >= 0 {
            close(writeEnd)
            writeEnd = -1
        }
    }
}

extension OutputFormat {
    /// The document format the feed rules judge this output as (nil: JSON, not XML).
    public var checkedAs: DocumentFormat? {
        switch self {
        case .rss: .rss20
        case .atom: .atom10
        case .newsml: .newsml
        case .json, .jsonfeed, .ninjs: nil
        }
    }
}
