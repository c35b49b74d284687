// swift-tools-version: 6.2
// Benchmarks live in their own package so that the main package's graph stays small; they build in release
// mode only (scripts/bench.sh).
import PackageDescription

let package = Package(
    name: "DunBenchmarks",
    dependencies: [
        .package(name: "dun", path: ".."),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.1.0"),
    ],
    targets: [
        .executableTarget(
            name: "dun-bench",
            dependencies: [
                .product(name: "DunCore", package: "dun"),
                .product(name: "DunPolicy", package: "dun"),
                .product(name: "DunEngine", package: "dun"),
                .product(name: "HeapModule", package: "swift-collections"),
            ]
        ),
        .executableTarget(
            name: "dun-sim-bench",
            dependencies: [
                .product(name: "DunCampaign", package: "dun"),
                .product(name: "DunSim", package: "dun"),
            ]
        ),
    ]
)
