// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Sportello",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "sportello", targets: ["sportello"]),
        .library(name: "Dialogue", targets: ["Dialogue"]),
        .library(name: "Knowledge", targets: ["Knowledge"]),
        .library(name: "TextAnalysis", targets: ["TextAnalysis"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // The only target that includes ICU headers (see docs/ARCHITECTURE.md).
        .target(
            name: "CICU",
            linkerSettings: [.linkedLibrary("icuuc"), .linkedLibrary("icudata")]
        ),
        .target(name: "TextAnalysis", dependencies: ["CICU"]),
        .target(
            name: "Knowledge",
            dependencies: [
                "TextAnalysis",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "Dialogue",
            dependencies: [
                "TextAnalysis", "Knowledge",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "sportello",
            dependencies: [
                "Dialogue", "Knowledge", "TextAnalysis",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "TextAnalysisTests", dependencies: ["TextAnalysis"], exclude: ["Fixtures"]),
        .testTarget(
            name: "KnowledgeTests",
            dependencies: ["Knowledge", "TextAnalysis", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "DialogueTests",
            dependencies: ["Dialogue", "Knowledge", "TextAnalysis", .product(name: "Yams", package: "Yams")]
        ),
        .testTarget(name: "SportelloTests", dependencies: ["sportello"]),
    ],
    swiftLanguageModes: [.v6]
)
