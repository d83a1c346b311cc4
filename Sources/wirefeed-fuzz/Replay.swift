// Without libFuzzer (a normal build), wirefeed-fuzz replays inputs: it runs every file given
// on the command line through the target named by WIREFEED_FUZZ_TARGET (regression runs of
// the corpora in tests). The fuzzing build (fuzz/run) is
// `swift build -c release --sanitize=fuzzer --sanitize=address -Xswiftc -DFUZZING`, where
// libFuzzer provides main and calls LLVMFuzzerTestOneInput (FuzzTargets.swift).
#if !FUZZING
    import Foundation

    @main
    struct Replay {
        static func main() {
            for path in CommandLine.arguments.dropFirst() {
                guard let data = FileManager.default.contents(atPath: path) else { continue }
                FuzzTarget.current.run([UInt8](data))
            }
        }
    }
#endif
