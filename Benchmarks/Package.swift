// swift-tools-version: 6.1
import PackageDescription

/// CohortLink's benchmark suites (package-benchmark), kept in their own package so that the main
/// build and `swift test` stay lean. Run from this folder: `swift package benchmark`.
let package = Package(
    name: "CohortLinkBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: "../"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "HMACBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "CohortLinkCore", package: "main"),
            ],
            path: "Benchmarks/HMACBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
