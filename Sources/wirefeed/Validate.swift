import ArgumentParser

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate RSS, Atom and NewsML-G2 documents (coming with NewsML-G2 support)."
    )

    @Argument(help: "Documents to validate.")
    var files: [String] = []

    func run() throws {
        printError("wirefeed validate: not available yet")
        throw Reported(code: 2)
    }
}
