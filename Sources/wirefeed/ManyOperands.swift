import ArgumentParser

/// Long lists of paths (`wirefeed validate items/*.xml`) kept away from ArgumentParser,
/// whose array arguments take quadratic time in their length (1,000 paths: about 60 ms,
/// 10,000: seconds). With many arguments, the paths after the first are set aside before
/// parsing and appended after it, in their order; everything else parses as usual.
enum ManyOperands {
    /// Below this many arguments ArgumentParser sees the command line as it is.
    static let threshold = 64

    /// Options that take a value, per subcommand (`--x VALUE`): the value is not a path.
    /// ManyOperandsTests checks these against what ArgumentParser itself knows.
    static let optionsWithValues: [String: Set<String>] = [
        "validate": ["--schema", "--format", "--ignore", "--config", "--self-url", "--now", "--profile"],
        "convert": [
            "--to", "--feed", "-o", "--output", "--output-dir", "--sort", "--max-input-size", "--now",
            "--ninjs-version", "--limit", "--report", "--fail-on-loss", "--archive-dir", "--archive-url",
            "--max-bytes", "--shard", "--files-from",
        ],
        "merge": [
            "--to", "--feed", "-o", "--output", "--sort", "--limit", "--max-bytes", "--now", "--max-input-size",
            "--ninjs-version",
        ],
    ]

    /// Splits `arguments` (without the program name) into what ArgumentParser should parse
    /// and the paths set aside (empty when there are few arguments or no such subcommand).
    static func split(_ arguments: [String]) -> (parse: [String], setAside: [String]) {
        guard arguments.count > threshold, let sub = arguments.first, let valued = optionsWithValues[sub] else {
            return (arguments, [])
        }
        var parse = [sub]
        var setAside: [String] = []
        var sawOperand = false
        var i = 1
        while i < arguments.count {
            let a = arguments[i]
            i += 1
            if a == "--" {
                // Everything after `--` is a path; the first one still goes through the parser.
                for rest in arguments[i...] {
                    if sawOperand {
                        setAside.append(rest)
                    } else {
                        parse += ["--", rest]
                        sawOperand = true
                    }
                }
                break
            }
            if a.hasPrefix("-") && a != "-" {
                parse.append(a)
                if valued.contains(a), i < arguments.count {
                    parse.append(arguments[i])
                    i += 1
                }
                continue
            }
            if sawOperand {
                setAside.append(a)
            } else {
                parse.append(a)
                sawOperand = true
            }
        }
        return (parse, setAside)
    }

    /// The parsed command with the paths set aside appended to its path list.
    static func restore(_ command: any ParsableCommand, _ setAside: [String]) -> any ParsableCommand {
        guard !setAside.isEmpty else { return command }
        if var v = command as? Validate {
            v.files += setAside
            return v
        }
        if var c = command as? Convert {
            c.inputs += setAside
            return c
        }
        return command
    }
}
