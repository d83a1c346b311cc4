import ArgumentParser

#if canImport(Glibc)
    import Glibc
#endif

// Standard descriptors closed at start (`2>&-`, `<&-`) are opened on /dev/null first: else the
// first file opened takes descriptor 2 and warnings land in the output, or reading standard
// input reads whatever took descriptor 0. Standard output is opened read-only: a report or
// a document written to a closed standard output fails (one line on stderr, exit 1) instead
// of vanishing with exit 0.
for fd: Int32 in 0...2 where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
    let opened = open("/dev/null", fd == 2 ? O_WRONLY : O_RDONLY)
    if opened != fd {
        // Descriptors are given lowest first, so this cannot happen; refuse rather than misroute.
        exit(70)
    }
}

// Usage errors exit 2 (not ArgumentParser's 64), as the design's exit codes say.
do {
    let (arguments, setAside) = ManyOperands.split(Array(CommandLine.arguments.dropFirst()))
    var command = ManyOperands.restore(try WireFeedCommand.parseAsRoot(arguments), setAside)
    try command.run()
    exit(0)
} catch let reported as Reported {
    exit(reported.code)
} catch {
    let code = WireFeedCommand.exitCode(for: error)
    if code == .success {
        WireFeedCommand.exit(withError: error)
    } else if code == .validationFailure {
        printError(WireFeedCommand.fullMessage(for: error))
        exit(2)
    } else if error is ExitCode {
        exit(code.rawValue)
    } else {
        printError("wirefeed: \(WireFeedCommand.fullMessage(for: error))")
        exit(1)
    }
}
