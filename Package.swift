// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Sportello",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "sportello", targets: ["sportello"]),
        .executable(name: "sportello-server", targets: ["sportello-server"]),
        .library(name: "Dialogue", targets: ["Dialogue"]),
        .library(name: "Knowledge", targets: ["Knowledge"]),
        .library(name: "TextAnalysis", targets: ["TextAnalysis"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
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
        // Sessions, transcripts (SQLite, redacted), the store behind the server.
        .target(
            name: "Desk",
            dependencies: [
                "Dialogue", "Knowledge", "TextAnalysis",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The line-oriented TCP chat server.
        .target(
            name: "ChatServer",
            dependencies: [
                "Desk", "Dialogue", "Knowledge", "TextAnalysis",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "sportello-server",
            dependencies: [
                "ChatServer", "Desk", "Dialogue", "Knowledge",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "sportello",
            dependencies: [
                "Desk", "Dialogue", "Knowledge", "TextAnalysis",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
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
        .testTarget(name: "SportelloTests", dependencies: ["sportello", "Desk"]),
        .testTarget(
            name: "DeskTests",
            dependencies: [
                "Desk", "Dialogue", "Knowledge", "TextAnalysis", .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "ChatServerTests",
            dependencies: [
                "ChatServer", "Desk", "Dialogue", "Knowledge", "TextAnalysis",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
