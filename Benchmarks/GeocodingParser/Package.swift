// swift-tools-version:6.1
import PackageDescription

// Parser throughput, kept out of the main package so its build and tests never pull it in.
//   swift run -c release --package-path Benchmarks/GeocodingParser geocoding-bench <addresses> [rounds]
let package = Package(
    name: "GeocodingParserBenchmarks",
    dependencies: [.package(name: "GridGeo", path: "../..")],
    targets: [
        .executableTarget(name: "geocoding-bench",
                          dependencies: [.product(name: "GridGeoGeocoding", package: "GridGeo")]),
    ],
    swiftLanguageModes: [.v6]
)
