// swift-tools-version: 6.2
import PackageDescription

let heap = Target.Dependency.product(name: "HeapModule", package: "swift-collections")
let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")
let grdb = Target.Dependency.product(name: "GRDB", package: "GRDB.swift")
let grdbSQLite = Target.Dependency.product(name: "GRDBSQLite", package: "GRDB.swift")
let hummingbird = Target.Dependency.product(name: "Hummingbird", package: "hummingbird")
let serviceLifecycle = Target.Dependency.product(name: "ServiceLifecycle", package: "swift-service-lifecycle")
let prometheus = Target.Dependency.product(name: "Prometheus", package: "swift-prometheus")
let nioCore = Target.Dependency.product(name: "NIOCore", package: "swift-nio")
let nioPosix = Target.Dependency.product(name: "NIOPosix", package: "swift-nio")
let httpTypes = Target.Dependency.product(name: "HTTPTypes", package: "swift-http-types")
let logging = Target.Dependency.product(name: "Logging", package: "swift-log")

let package = Package(
    name: "dun",
    products: [
        .executable(name: "dun", targets: ["dun"]),
        .library(name: "DunCore", targets: ["DunCore"]),
        .library(name: "DunPolicy", targets: ["DunPolicy"]),
        .library(name: "DunCampaign", targets: ["DunCampaign"]),
        .library(name: "DunEngine", targets: ["DunEngine"]),
        .library(name: "DunSim", targets: ["DunSim"]),
        .library(name: "DunReport", targets: ["DunReport"]),
        .library(name: "DunDashboard", targets: ["DunDashboard"]),
        .library(name: "DunStore", targets: ["DunStore"]),
        .library(name: "DunStatus", targets: ["DunStatus"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.1.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.0.0"),
    ],
    targets: [
        .target(name: "DunCore"),
        .target(name: "DunPolicy", dependencies: ["DunCore"]),
        .target(name: "DunCampaign", dependencies: ["DunCore", "DunPolicy"]),
        .target(name: "CDunPrefetch"),
        .target(name: "DunEngine", dependencies: ["DunCore", "DunPolicy", "CDunPrefetch", heap]),
        .target(name: "DunReport", dependencies: ["DunCore"]),
        .target(
            name: "DunSim",
            dependencies: ["DunCore", "DunPolicy", "DunCampaign", "DunEngine", "DunReport", "CDunPrefetch", heap]
        ),
        .target(name: "DunDashboard", dependencies: ["DunCore"]),
        .target(name: "DunStore", dependencies: ["DunCore", grdb, grdbSQLite]),
        .target(name: "DunStatus", dependencies: ["DunCore", "DunStore", "DunDashboard", "DunReport", "DunSim"]),
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .target(name: "DunGateways", dependencies: ["DunCore", "CCurl"]),
        .target(
            name: "DunRuntime",
            dependencies: [
                "DunCore", "DunPolicy", "DunCampaign", "DunEngine", "DunReport", "DunStore", "DunGateways",
                "DunWebhooks", logging,
            ]
        ),
        .target(
            name: "DunWebhooks",
            dependencies: [
                "DunCore", "DunGateways", hummingbird, prometheus, nioCore, httpTypes, logging, serviceLifecycle,
            ]
        ),
        .target(
            name: "DunGatewaySim",
            dependencies: [
                "DunCore", "DunGateways", "DunRuntime", hummingbird, nioCore, nioPosix, httpTypes, logging,
            ]
        ),
        .executableTarget(
            name: "dun",
            dependencies: [
                "DunCore", "DunPolicy", "DunCampaign", "DunEngine", "DunReport", "DunSim", "DunDashboard",
                "DunStore", "DunStatus", "DunGateways", "DunWebhooks", "DunGatewaySim", "DunRuntime", argumentParser,
                logging,
            ]
        ),
        .target(
            name: "DunTesting",
            dependencies: ["DunCore", "DunPolicy", "DunEngine", "DunGateways"],
            path: "Tests/DunTesting"
        ),
        // The engine soak (release mode in scripts/test.sh): random runs checked attempt by attempt.
        .executableTarget(name: "dun-soak", dependencies: ["DunTesting"], path: "Tests/DunSoak"),
        .testTarget(name: "DunCoreTests", dependencies: ["DunCore", "DunTesting"]),
        .testTarget(name: "DunPolicyTests", dependencies: ["DunPolicy", "DunTesting"], exclude: ["Fixtures"]),
        .testTarget(
            name: "DunCampaignTests",
            dependencies: ["DunCampaign", "DunTesting"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "DunEngineTests",
            dependencies: ["DunEngine", "DunPolicy", "DunCampaign", "DunTesting", heap],
            exclude: ["Snapshots"]
        ),
        .testTarget(name: "DunReportTests", dependencies: ["DunReport", "DunTesting"]),
        .testTarget(name: "DunSimTests", dependencies: ["DunSim", "DunTesting", heap]),
        .testTarget(name: "DunDashboardTests", dependencies: ["DunDashboard", "DunTesting"], exclude: ["Snapshots"]),
        .testTarget(
            name: "DunStatusTests",
            dependencies: ["DunStatus", "DunStore", "DunDashboard", "DunSim", "DunCore", "DunTesting"],
            exclude: ["Snapshots"]
        ),
        .testTarget(name: "DunStoreTests", dependencies: ["DunStore", "DunCore", "DunTesting", grdb]),
        .testTarget(
            name: "DunGatewaysTests",
            dependencies: ["DunGateways", "DunCore", "DunTesting"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "DunWebhooksTests",
            dependencies: ["DunWebhooks", "DunGateways", "DunCore", "DunTesting", hummingbird, logging]
        ),
        .testTarget(
            name: "DunGatewaySimTests",
            dependencies: [
                "DunGatewaySim", "DunGateways", "DunWebhooks", "DunRuntime", "DunCore", "DunTesting", logging,
            ]
        ),
        .testTarget(
            name: "DunRuntimeTests",
            dependencies: [
                "DunRuntime", "DunEngine", "DunPolicy", "DunStore", "DunGateways", "DunWebhooks", "DunCampaign",
                "DunCore", "DunReport", "DunTesting", logging,
            ]
        ),
        .testTarget(
            name: "dunTests",
            dependencies: ["dun", "DunTesting", "DunStore", "DunCampaign", "DunPolicy", "DunCore", argumentParser]
        ),
    ]
)

// One settings block for every target, as swift-log and swift-clocks do.
for target in package.targets where target.type != .plugin && target.type != .system {
    var settings = target.swiftSettings ?? []
    // https://github.com/swiftlang/swift-evolution/blob/main/proposals/0335-existential-any.md
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    // https://github.com/swiftlang/swift-evolution/blob/main/proposals/0444-member-import-visibility.md
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    // https://github.com/swiftlang/swift-evolution/blob/main/proposals/0409-access-level-on-imports.md
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    // https://docs.swift.org/compiler/documentation/diagnostics/nonisolated-nonsending-by-default/
    settings.append(.enableUpcomingFeature("NonisolatedNonsendingByDefault"))
    target.swiftSettings = settings
}
