import ArgumentParser

#if canImport(Glibc)
    import Glibc
#endif

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
