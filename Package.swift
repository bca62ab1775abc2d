// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "dtao",
    products: [
        .executable(name: "dtao", targets: ["dtao"]),
        .library(name: "FixedMath", targets: ["FixedMath"]),
        .library(name: "TaoEconomics", targets: ["TaoEconomics"]),
        .library(name: "Simulation", targets: ["Simulation"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.2"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
    ],
    targets: [
        // GMP, the reference arithmetic. Its macro-only API is wrapped in static inline shims.
        .systemLibrary(
            name: "CGMP",
            pkgConfig: "gmp",
            providers: [.apt(["libgmp-dev"])]
        ),
        // Exact integers and fixed-point formats: the only code that touches GMP.
        .target(name: "FixedMath", dependencies: ["CGMP"]),
        // The chain's economic rules: emission, pools, routing.
        .target(name: "TaoEconomics", dependencies: ["FixedMath"]),
        // Scenarios, markets, seeded randomness and the run loop.
        .target(name: "Simulation", dependencies: [
            "FixedMath", "TaoEconomics", .product(name: "Yams", package: "Yams"), .product(name: "CSV", package: "CSV.swift"),
        ]),
        // Report files: streaming CSV, manifest, summary, atomic output directories, state files
        // (Yams locates a state file's out-of-range integer, which Foundation's JSON reader cannot).
        .target(name: "Reporting", dependencies: [
            "FixedMath", "TaoEconomics", "Simulation", .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "CSV", package: "CSV.swift"), .product(name: "Yams", package: "Yams"),
        ]),
        // Charts: scales with nice ticks, lines, bands and axes drawn as inline SVG; no economics.
        .target(name: "Charts", dependencies: [.product(name: "Plot", package: "Plot")]),
        // report.html for run and sweep folders, built from the folders' files with Plot.
        .target(name: "HTMLReport", dependencies: [
            "Charts", "Reporting", "Sweeps", .product(name: "Plot", package: "Plot"),
        ]),
        // Sweeps: grids of overrides × seeds run on all cores or in shards, banded across seeds.
        .target(name: "Sweeps", dependencies: ["FixedMath", "TaoEconomics", "Simulation", "Reporting"]),
        // The command-line surface, kept apart from `main` so tests can reach its pieces.
        .target(
            name: "DTaoCommands",
            dependencies: [
                "FixedMath", "TaoEconomics", "Simulation", "Reporting", "Sweeps", "HTMLReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "dtao", dependencies: ["DTaoCommands"]),
        .testTarget(
            name: "FixedMathTests",
            dependencies: ["FixedMath", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "TaoEconomicsTests",
            dependencies: [
                "TaoEconomics", "FixedMath",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "SimulationTests",
            dependencies: [
                "Simulation", "TaoEconomics", "FixedMath",
                .product(name: "PropertyBased", package: "swift-property-based"), .product(name: "Yams", package: "Yams"),
            ],
            exclude: ["ParserCorpus"]
        ),
        .testTarget(
            name: "ReportingTests",
            dependencies: ["Reporting", "Simulation", "TaoEconomics", "FixedMath"]
        ),
        .testTarget(name: "ChartsTests", dependencies: ["Charts", .product(name: "Plot", package: "Plot")], exclude: ["Fixtures"]),
        .testTarget(name: "SweepsTests", dependencies: ["Sweeps", "Simulation", "FixedMath", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "CLITests", dependencies: ["dtao", "DTaoCommands"]),
    ],
    swiftLanguageModes: [.v6]
)
