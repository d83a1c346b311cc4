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
        // The layers, lowest first. A target depends only on targets above it in this list;
        // Tests/WireFeedTests/LayerTests.swift fails when an import points the other way.
        // Sealed C libraries: libxml2 only in XMLCore, libyaml only in YAMLCore.
        .target(name: "TextKernel", swiftSettings: upcoming),
        .target(name: "Workers", swiftSettings: upcoming),
        .target(name: "XMLCore", dependencies: ["TextKernel", "CLibXML2"], swiftSettings: upcoming),
        .target(name: "YAMLCore", dependencies: ["CLibYAML", "TextKernel"], swiftSettings: upcoming),
        // The article model: no format knowledge.
        .target(name: "WireModel", dependencies: ["TextKernel"], swiftSettings: upcoming),
        // Newsroom conventions in plain text: credit and rights lines, derived headlines.
        .target(name: "NewsText", dependencies: ["WireModel", "TextKernel"], swiftSettings: upcoming),
        // One folder per format: its writer, its reader, its namespaces.
        .target(
            name: "WireFormats",
            dependencies: ["WireModel", "NewsText", "TextKernel", "XMLCore", "Workers"],
            swiftSettings: upcoming
        ),
        // Cleaned articles, front matter and JSON articles in; batches read in parallel.
        .target(
            name: "WireIngest",
            dependencies: [
                "WireFormats", "WireModel", "NewsText", "TextKernel", "XMLCore", "YAMLCore", "Workers",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: upcoming
        ),
        // Feed rules and schema validation.
        .target(
            name: "WireValidate",
            dependencies: ["WireIngest", "WireFormats", "WireModel", "TextKernel", "XMLCore", "Workers"],
            swiftSettings: upcoming
        ),
        // Feeds in: RSS, Atom and NewsML-G2 read into the model.
        .target(
            name: "WireImport",
            dependencies: ["WireValidate", "WireFormats", "WireModel", "TextKernel", "XMLCore"],
            swiftSettings: upcoming
        ),
        // The library product: conversion, and the one import a client needs.
        .target(
            name: "WireFeed",
            dependencies: [
                "WireImport", "WireValidate", "WireIngest", "WireFormats", "NewsText", "WireModel", "TextKernel",
                "XMLCore", "Workers",
            ],
            swiftSettings: upcoming
        ),
        .executableTarget(
            name: "wirefeed",
            dependencies: [
                "WireFeed", "Workers", "XMLCore", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: upcoming
        ),
        // The seeded generator of the tests' and the benchmark's corpora.
        .target(name: "SeededRandom", path: "Tests/SeededRandom", swiftSettings: upcoming),
        .executableTarget(
            name: "wirefeed-bench",
            dependencies: ["WireFeed", "SeededRandom"],
            path: "Benchmarks/wirefeed-bench",
            swiftSettings: upcoming
        ),
        .executableTarget(
            name: "wirefeed-fuzz",
            dependencies: ["WireFeed", "WireFormats", "XMLCore"],
            swiftSettings: upcoming
        ),
        .testTarget(name: "TextKernelTests", dependencies: ["TextKernel", "SeededRandom"], swiftSettings: upcoming),
        .testTarget(name: "XMLCoreTests", dependencies: ["XMLCore", "TextKernel"], swiftSettings: upcoming),
        .testTarget(
            name: "WireFeedTests",
            dependencies: [
                "WireFeed", "WireImport", "WireValidate", "WireIngest", "WireFormats", "NewsText", "WireModel",
                "TextKernel", "XMLCore", "Workers", "YAMLCore", "SeededRandom",
            ],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "wirefeedCLITests", dependencies: ["wirefeed", "XMLCore", "SeededRandom"], swiftSettings: upcoming),
    ]
)
