// swift-tools-version: 6.1
import PackageDescription

/// One package-benchmark suite: `Benchmarks/<name>/`, run by the benchmark plugin.
func suite(_ name: String) -> Target {
    .executableTarget(
        name: name,
        dependencies: [
            .product(name: "Benchmark", package: "benchmark"),
            .product(name: "CohortLinkCore", package: "CohortLink"),
            "RegressionTolerances",
        ],
        path: "Benchmarks/\(name)",
        // As in the main package: inlined Bloom-filter comparisons use the building processor's instructions.
        swiftSettings: [.unsafeFlags(["-Xcc", "-march=native"])],
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
}

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
    targets: ["HMACBenchmarks", "PseudonymisationBenchmarks", "ExtractsBenchmarks", "CINXMLBenchmarks",
              "LinkageBenchmarks", "DisclosureBenchmarks"].map(suite)
        + [.target(name: "RegressionTolerances", dependencies: [.product(name: "Benchmark", package: "benchmark")],
                   path: "Benchmarks/RegressionTolerances")],
    swiftLanguageModes: [.v6]
)
