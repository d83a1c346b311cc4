// swift-tools-version: 6.0
import PackageDescription

let upcoming: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "wirefeed",
    products: [
        .library(name: "WireFeed", targets: ["WireFeed"]),
        .executable(name: "wirefeed", targets: ["wirefeed"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .target(
            name: "YAMLCore",
            dependencies: ["CLibYAML"],
            swiftSettings: upcoming
        ),
        .target(
            name: "XMLCore",
            dependencies: ["CLibXML2"],
            swiftSettings: upcoming
        ),
        .target(
            name: "WireFeed",
            dependencies: ["XMLCore", "YAMLCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: upcoming
        ),
        .executableTarget(
            name: "wirefeed",
            dependencies: ["WireFeed", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: upcoming
        ),
        .executableTarget(
            name: "wirefeed-bench",
            dependencies: ["WireFeed"],
            path: "Benchmarks/wirefeed-bench",
            swiftSettings: upcoming
        ),
        .executableTarget(
            name: "wirefeed-fuzz",
            dependencies: ["WireFeed", "XMLCore"],
            swiftSettings: upcoming
        ),
        .testTarget(name: "XMLCoreTests", dependencies: ["XMLCore"], swiftSettings: upcoming),
        .testTarget(name: "WireFeedTests", dependencies: ["WireFeed", "XMLCore"], swiftSettings: upcoming),
        .testTarget(name: "wirefeedCLITests", dependencies: ["wirefeed", "XMLCore"], swiftSettings: upcoming),
    ]
)
