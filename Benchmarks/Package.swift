// swift-tools-version: 6.1
// The engine's benchmarks on ordo-one/benchmark, kept out of the root package so that building
// and testing dtao never resolves or builds the harness. Run from this folder:
//     swift package benchmark
import PackageDescription

let package = Package(
    name: "dtao-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "dtao", path: ".."),
        // MallocInterposer only: the default traits also pull swift-runtime-interposer on
        // Linux with Swift 6.3, which this machine's package mirror does not carry.
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "EngineBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "TaoEconomics", package: "dtao"),
            ],
            path: "Benchmarks/EngineBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
