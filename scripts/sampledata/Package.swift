// swift-tools-version:6.1
import PackageDescription

// Regenerates the synthetic layers of SampleData/ (see SampleData/README.md). Its own package, so the
// main package's build never compiles it:
//
//     swift run --package-path scripts/sampledata sampledata        # from the repository root
let package = Package(
    name: "GridGeoSampleData",
    dependencies: [
        .package(name: "GridGeo", path: "../.."),   // named, since a path's identity is its folder name
    ],
    targets: [
        .executableTarget(name: "sampledata", dependencies: [
            .product(name: "GridGeoCore", package: "GridGeo"),
            .product(name: "GridGeoGEOS", package: "GridGeo"),
            .product(name: "GridGeoGrids", package: "GridGeo"),
            .product(name: "GridGeoHierarchy", package: "GridGeo"),
            .product(name: "GridGeoStore", package: "GridGeo"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
