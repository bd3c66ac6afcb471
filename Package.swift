// swift-tools-version: 6.1
import PackageDescription

/// CohortLink: privacy-preserving linkage of social care and education extracts into
/// disclosure-controlled cohort statistics. Modules form a one-way stack:
/// COpenSSL → CryptoPrimitives → Pseudonymisation → Linkage; Disclosure → Measures → Publishing → Pipeline → cohortlink;
/// CohortModel (the shared model and the parallel helpers) beneath all but COpenSSL and CryptoPrimitives;
/// CPrefetch (a C shim for the processor's prefetch hint) beneath Pseudonymisation and Linkage.
let package = Package(
    name: "CohortLink",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "cohortlink", targets: ["cohortlink"]),
        // Libraries, for the benchmark suites of the nested package in Benchmarks/.
        .library(name: "CohortLinkCore", targets: [
            "CohortModel", "CryptoPrimitives", "Extracts", "Pseudonymisation", "Linkage", "Measures", "Disclosure",
            "Publishing", "SyntheticData", "Pipeline",
        ]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .target(name: "CryptoPrimitives", dependencies: ["COpenSSL"]),
        .target(name: "CPrefetch"),
        .target(name: "CohortModel"),
        .target(name: "ReferenceData", dependencies: ["Extracts"]),
        .target(name: "Extracts", dependencies: ["CohortModel", .product(name: "Yams", package: "Yams")]),
        .target(name: "SchoolResolution", dependencies: ["CohortModel", "Extracts"]),
        .target(name: "Pseudonymisation", dependencies: ["CryptoPrimitives", "CPrefetch", "CohortModel", "Extracts", "ReferenceData"],
                swiftSettings: hardwarePopcount),
        .target(name: "Linkage", dependencies: ["Pseudonymisation", "CPrefetch", "CohortModel"], swiftSettings: hardwarePopcount),
        .target(name: "Measures", dependencies: ["CohortModel", "Disclosure"]),
        .target(name: "Disclosure", dependencies: ["CohortModel", "CryptoPrimitives"]),
        .target(name: "Publishing", dependencies: ["Measures", "Disclosure", "CohortModel", "Extracts", "Linkage", "Pseudonymisation"]),
        .target(name: "SyntheticData", dependencies: ["CohortModel", "ReferenceData", "Extracts"]),
        .target(
            name: "Pipeline",
            dependencies: [
                "CryptoPrimitives", "CohortModel", "Extracts", "Pseudonymisation", "Linkage",
                "Measures", "Disclosure", "Publishing", "SyntheticData", "ReferenceData", "SchoolResolution",
            ]
        ),
        .executableTarget(
            name: "cohortlink",
            dependencies: [
                "Pipeline", "SyntheticData",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "CryptoPrimitivesTests", dependencies: ["CryptoPrimitives"]),
        .testTarget(name: "CohortModelTests", dependencies: ["CohortModel"]),
        .testTarget(name: "ReferenceDataTests", dependencies: ["ReferenceData"]),
        .testTarget(name: "ExtractsTests", dependencies: [
            "Extracts", "SyntheticData", .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "PseudonymisationTests", dependencies: ["Pseudonymisation"]),
        .testTarget(name: "LinkageTests", dependencies: ["CohortModel", "Linkage", "Pipeline", "SyntheticData", "Extracts", "Pseudonymisation"]),
        .testTarget(name: "MeasuresTests", dependencies: ["Measures", "Disclosure"]),
        .testTarget(name: "DisclosureTests", dependencies: [
            "Disclosure", .product(name: "PropertyBased", package: "swift-property-based"),
        ], exclude: ["Fixtures"]),
        .testTarget(name: "SchoolResolutionTests", dependencies: ["SchoolResolution", "Extracts", "SyntheticData"]),
        .testTarget(name: "PublishingTests", dependencies: ["CohortModel", "Publishing"]),
        .testTarget(name: "SyntheticDataTests", dependencies: ["SyntheticData", "Extracts"]),
        .testTarget(name: "CommandLineTests", dependencies: ["cohortlink"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "SyntheticData", "Extracts", "Pseudonymisation", "Publishing", "Linkage", "Measures", "Disclosure", "CohortModel"]),
    ],
    swiftLanguageModes: [.v6]
)

/// Bloom-filter comparisons count bits. Built for the processor that builds them: with POPCNT
/// (every x86-64 CPU since 2008) a Dice coefficient is four instructions, without it (the default
/// x86-64 target) about fifty; with AVX-512's VPOPCNTQ, a block of comparisons runs eight at a time.
/// Clang's target options set Swift's code generation too.
var hardwarePopcount: [SwiftSetting] { [.unsafeFlags(["-Xcc", "-march=native"])] }
