// swift-tools-version: 6.0
// A client of the WireFeed library, built by .ci/run: what a Swift program does with
// `import WireFeed` alone (convert in memory, import from bytes, validate).
import Foundation
import PackageDescription

// A path dependency is named after its folder, which is wherever the repository was cloned.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

let package = Package(
    name: "QuickStart",
    dependencies: [.package(path: root.path)],
    targets: [
        .executableTarget(
            name: "QuickStart",
            dependencies: [.product(name: "WireFeed", package: root.lastPathComponent)],
            // As strict as the library itself: a member of a module not imported is an error.
            swiftSettings: [
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("InternalImportsByDefault"),
                .enableUpcomingFeature("MemberImportVisibility"),
            ]
        )
    ]
)
