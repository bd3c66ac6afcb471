// swift-tools-version: 6.1
import PackageDescription

/// CohortLink's benchmark suites (package-benchmark), kept in their own package so that the main
/// build and `swift test` stay lean. Run from this folder: `swift package benchmark`. The main package is
/// reached through the `CohortLink` symlink so that its identity does not depend on the clone's folder name.
let package = Package(
    name: "CohortLinkBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: "CohortLink"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "HMACBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "CohortLinkCore", package: "CohortLink"),
            ],
            path: "Benchmarks/HMACBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "DisclosureBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "CohortLinkCore", package: "CohortLink"),
            ],
            path: "Benchmarks/DisclosureBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "LinkageBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "CohortLinkCore", package: "CohortLink"),
            ],
            path: "Benchmarks/LinkageBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "CINXMLBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "CohortLinkCore", package: "CohortLink"),
            ],
            path: "Benchmarks/CINXMLBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "ExtractsBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "CohortLinkCore", package: "CohortLink"),
            ],
            path: "Benchmarks/ExtractsBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "PseudonymisationBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "CohortLinkCore", package: "CohortLink"),
            ],
            path: "Benchmarks/PseudonymisationBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
