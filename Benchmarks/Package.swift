// swift-tools-version:6.1
import PackageDescription

/// Release-mode benchmarks of flowtop's engine (ordo-one/benchmark), kept out of the root
/// package so that `swift test` and CI never build the benchmark stack.
///
/// Run from this folder: `swift package benchmark` (all), or `./run-slo.sh` and
/// `./run-leads.sh` for the SLO and lead tables in ../docs/benchmarks.md.
///
/// The `MallocInterposer` trait alone (not the package's default traits): on Linux with
/// Swift 6.3 the default `RuntimeInterposer` trait pulls in swift-runtime-interposer, which
/// the machines' package mirror does not have; without it the ARC metrics are unavailable,
/// which these benchmarks do not use. No jemalloc is needed on Swift 6.3.
let package = Package(
    name: "flowtop-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "flowtop", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // What several benchmarks share: reading the resident set.
        .target(name: "BenchmarkSupport", path: "Sources/BenchmarkSupport"),
        // Record and query cost of the SLO engine with 1, 100 and 10,000 tenant series,
        // and resident memory per series.
        .executableTarget(
            name: "SLOEngine",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "FlowCore", package: "flowtop"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/SLOEngine",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Funnel and attribution at 100,000 leads and 1,000,000 touchpoints: apply, cold and
        // warm snapshots, the retention sweep, and memory per lead.
        .executableTarget(
            name: "AttributionEngine",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "FlowCore", package: "flowtop"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/AttributionEngine",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
