// swift-tools-version:6.1
import PackageDescription

// Benchmarks live in their own package so the main package never builds package-benchmark.
let package = Package(
    name: "GridGeoBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "GridGeo", path: ".."),   // named, since a path's identity is its folder name
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        // `swift package --disable-sandbox benchmark --target ImportBenchmarks`: features per second
        // importing a road layer (generated, and the real delivery's DLZXX when it is present).
        .executableTarget(
            name: "ImportBenchmarks",
            dependencies: [
                .product(name: "GridGeoImport", package: "GridGeo"),
                .product(name: "GridGeoStore", package: "GridGeo"),
                .product(name: "GridGeoShapefile", package: "GridGeo"),
                .product(name: "GridGeoCore", package: "GridGeo"),
                .product(name: "Benchmark", package: "package-benchmark"),
            ],
            path: "Benchmarks/ImportBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        // `swift package --disable-sandbox benchmark --target ComponentBenchmarks`: importing 1,000,000
        // component points (library and geo-import), k-nearest (k = 10) and radius queries among them.
        .executableTarget(
            name: "ComponentBenchmarks",
            dependencies: [
                .product(name: "GridGeoComponents", package: "GridGeo"),
                .product(name: "GridGeoImport", package: "GridGeo"),
                .product(name: "GridGeoStore", package: "GridGeo"),
                .product(name: "GridGeoShapefile", package: "GridGeo"),
                .product(name: "GridGeoCore", package: "GridGeo"),
                .product(name: "Benchmark", package: "package-benchmark"),
            ],
            path: "Benchmarks/ComponentBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        // `swift package --disable-sandbox benchmark --target GeocodingBenchmarks`: parses and geocodes
        // per second on one core (synthetic Beijing city; NCAP dev for the parser when present).
        .executableTarget(
            name: "GeocodingBenchmarks",
            dependencies: [
                .product(name: "GridGeoGeocoder", package: "GridGeo"),
                .product(name: "GridGeoGeocoding", package: "GridGeo"),
                .product(name: "GridGeoIndex", package: "GridGeo"),
                .product(name: "GridGeoLookup", package: "GridGeo"),
                .product(name: "GridGeoStore", package: "GridGeo"),
                .product(name: "GridGeoCore", package: "GridGeo"),
                .product(name: "Benchmark", package: "package-benchmark"),
            ],
            path: "Benchmarks/GeocodingBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        // `swift package benchmark --target GridLookup`: timings and malloc counts per lookup, and the
        // GEOS baseline's; scripts/bench-check.sh checks the malloc counts against Thresholds/.
        .executableTarget(
            name: "GridLookup",
            dependencies: [
                .product(name: "GridGeoIndex", package: "GridGeo"),
                .product(name: "GridGeoCore", package: "GridGeo"),
                .product(name: "GridGeoGEOS", package: "GridGeo"),
                .product(name: "GridGeoLookup", package: "GridGeo"),
                .product(name: "GridGeoStore", package: "GridGeo"),
                .product(name: "Benchmark", package: "package-benchmark"),
            ],
            path: "Benchmarks/GridLookup",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        // `swift run -c release ComponentReport`: µs per k-nearest / radius query among 1,000,000 points (medians).
        .executableTarget(name: "ComponentReport", dependencies: [
            .product(name: "GridGeoComponents", package: "GridGeo"),
            .product(name: "GridGeoLookup", package: "GridGeo"),
            .product(name: "GridGeoIndex", package: "GridGeo"),
            .product(name: "GridGeoStore", package: "GridGeo"),
            .product(name: "GridGeoCore", package: "GridGeo"),
        ], path: "ComponentReport"),
        // `swift build -c release --product GridLookupReport`: build time, memory, ns per lookup (medians)
        // of GridLocator and its baselines (GEOS, SpatiaLite SQL, brute force) on the same points;
        // `GridLookupReport agree …` is the 1,000,000-point agreement check against GEOS.
        .executableTarget(name: "GridLookupReport", dependencies: [
            .product(name: "GridGeoIndex", package: "GridGeo"),
            .product(name: "GridGeoCore", package: "GridGeo"),
            .product(name: "GridGeoGEOS", package: "GridGeo"),
            .product(name: "GridGeoStore", package: "GridGeo"),
            .product(name: "GridGeoLookup", package: "GridGeo"),
        ], path: "GridLookupReport"),
    ]
)
