// swift-tools-version:6.1
import PackageDescription

// Every wrapper target imports its C module internally, so no C type can leak into a public API.
let strict: [SwiftSetting] = [.enableUpcomingFeature("InternalImportsByDefault")]

let package = Package(
    name: "GridGeo",
    products: [
        .library(name: "GridGeoCore", targets: ["GridGeoCore"]),
        .library(name: "GridGeoGEOS", targets: ["GridGeoGEOS"]),
        .library(name: "GridGeoPROJ", targets: ["GridGeoPROJ"]),
        .library(name: "GridGeoSpatiaLite", targets: ["GridGeoSpatiaLite"]),
        .library(name: "GridGeoShapefile", targets: ["GridGeoShapefile"]),
        .library(name: "GridGeoStore", targets: ["GridGeoStore"]),
        .library(name: "GridGeoImport", targets: ["GridGeoImport"]),
        .library(name: "GridGeoRender", targets: ["GridGeoRender"]),
        .library(name: "GridGeoIndex", targets: ["GridGeoIndex"]),
        .library(name: "GridGeoLookup", targets: ["GridGeoLookup"]),
        .library(name: "GridGeoGrids", targets: ["GridGeoGrids"]),
        .library(name: "GridGeoHierarchy", targets: ["GridGeoHierarchy"]),
        .library(name: "GridGeoGeocoding", targets: ["GridGeoGeocoding"]),
        .library(name: "GridGeoComponents", targets: ["GridGeoComponents"]),
        .library(name: "GridGeoGeocoder", targets: ["GridGeoGeocoder"]),
        .executable(name: "gridgeo", targets: ["gridgeo"]),
        .executable(name: "geo-import", targets: ["geo-import"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // What a lookup service reports: debug logs through the caller's Logger, and metrics.
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.4.0"),
        // `swift package generate-documentation`: the DocC catalogs of the library modules.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
    ],
    targets: [
        // C libraries from Debian packages; each folder holds only a modulemap and a shim header.
        .systemLibrary(name: "CGEOS", pkgConfig: "geos", providers: [.apt(["libgeos-dev"])]),
        .systemLibrary(name: "CPROJ", pkgConfig: "proj", providers: [.apt(["libproj-dev", "proj-data"])]),
        .systemLibrary(name: "CSpatiaLite", pkgConfig: "spatialite",
                       providers: [.apt(["libspatialite-dev", "libsqlite3-dev", "libsqlite3-mod-spatialite"])]),
        .systemLibrary(name: "CShapelib", providers: [.apt(["libshp-dev"])]),
        // Delivery files into the store: encodings, CRS decisions, validation, plausibility, reports.
        .target(name: "GridGeoImport", dependencies: [
            "GridGeoCore", "GridGeoGEOS", "GridGeoPROJ", "GridGeoShapefile", "GridGeoStore", "GridGeoRender",
            "GridGeoComponents", "GridGeoLookup",
        ], swiftSettings: strict),
        // Maps for people: SVG and PNG drawings of layers, choropleths. Pure Swift.
        .target(name: "GridGeoRender", dependencies: ["GridGeoCore"], swiftSettings: strict),
        // Chinese addresses: parsing, normalisation, matching, geocoding and reverse geocoding.
        .target(name: "GridGeoGeocoding", dependencies: ["GridGeoCore"],
                // NBS division tables 2022 (modood/Administrative-divisions-of-China, WTFPL): shipped as data.
                resources: [.copy("AdminDivisions")], swiftSettings: strict),
        // Geocoding over a store: addresses to positions, unit grids and match levels, and back.
        .target(name: "GridGeoGeocoder", dependencies: ["GridGeoCore", "GridGeoGeocoding", "GridGeoStore", "GridGeoLookup", "GridGeoIndex"],
                swiftSettings: strict),
        // What both command-line tools share: progress on stderr, exit codes.
        .target(name: "GridGeoCLI", swiftSettings: strict),

        // Pure Swift value types: geometry, WKB, GeoJSON. No C, no Foundation.
        .target(name: "GridGeoCore", swiftSettings: strict),
        // One wrapper per C library; each owns its handles and turns C errors into Swift errors.
        .target(name: "GridGeoGEOS", dependencies: ["GridGeoCore", "CGEOS"], swiftSettings: strict),
        .target(name: "GridGeoPROJ", dependencies: ["GridGeoCore", "CPROJ"], swiftSettings: strict),
        .target(name: "GridGeoSpatiaLite", dependencies: ["GridGeoCore", "CSpatiaLite"], swiftSettings: strict),
        .target(name: "GridGeoShapefile", dependencies: ["GridGeoCore", "CShapelib"], swiftSettings: strict),
        // The GridGeo database: schema, migrations and typed access over SpatiaLite.
        .target(name: "GridGeoStore", dependencies: ["GridGeoCore", "GridGeoSpatiaLite"], swiftSettings: strict),

        // The point-in-grid hot path: pure Swift on flat arrays, no C.
        .target(name: "GridGeoIndex", dependencies: ["GridGeoCore"], swiftSettings: strict),
        // The lookup services use: a grid version from the store behind the index, with its hierarchy.
        .target(name: "GridGeoLookup", dependencies: [
            "GridGeoCore", "GridGeoStore", "GridGeoIndex",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "CoreMetrics", package: "swift-metrics"),
        ], swiftSettings: strict),
        // Components (部件): the catalogue, grid assignment, online update, nearest queries, statistics.
        .target(name: "GridGeoComponents", dependencies: ["GridGeoCore", "GridGeoStore", "GridGeoIndex", "GridGeoLookup"],
                swiftSettings: strict),
        // Unit-grid building: partitioning communities into ~10,000 m² grids, coding, validation.
        .target(name: "GridGeoGrids", dependencies: ["GridGeoCore", "GridGeoGEOS"], swiftSettings: strict),
        // The store's hierarchy completed and divided: drafting missing communities or streets into
        // the store, building, validating and publishing grid versions.
        .target(name: "GridGeoHierarchy", dependencies: ["GridGeoCore", "GridGeoGEOS", "GridGeoGrids", "GridGeoStore"],
                swiftSettings: strict),

        .executableTarget(name: "gridgeo", dependencies: [
            "GridGeoCore", "GridGeoGEOS", "GridGeoPROJ", "GridGeoSpatiaLite", "GridGeoStore", "GridGeoCLI", "GridGeoImport",
            "GridGeoComponents", "GridGeoGeocoding", "GridGeoGeocoder", "GridGeoLookup",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], swiftSettings: strict),

        .executableTarget(name: "geo-import", dependencies: [
            "GridGeoImport", "GridGeoHierarchy", "GridGeoGrids", "GridGeoCLI", "GridGeoStore", "GridGeoPROJ",
            "GridGeoShapefile", "GridGeoCore",
            "GridGeoComponents",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], swiftSettings: strict),

        .testTarget(name: "ArchitectureTests"),
        .testTarget(name: "GridGeoCoreTests", dependencies: ["GridGeoCore"]),
        .testTarget(name: "GridGeoRenderTests", dependencies: ["GridGeoRender", "GridGeoIndex"]),
        .testTarget(name: "GridGeoGeocodingTests", dependencies: ["GridGeoGeocoding"]),
        // Also runs the built `gridgeo` binary (geocode, reverse, parse-address end to end).
        .testTarget(name: "GridGeoGeocoderTests", dependencies: [
            "GridGeoGeocoder", "GridGeoGeocoding", "GridGeoStore", "GridGeoLookup", "GridGeoCore", "GridGeoPROJ",
            "GridGeoIndex",   // SplitMix64 for the fuzz test's seeded strings
        ]),
        .testTarget(name: "GridGeoGEOSTests", dependencies: ["GridGeoGEOS"]),
        .testTarget(name: "GridGeoPROJTests", dependencies: ["GridGeoPROJ"]),
        .testTarget(name: "GridGeoSpatiaLiteTests", dependencies: ["GridGeoSpatiaLite"]),
        .testTarget(name: "GridGeoShapefileTests", dependencies: ["GridGeoShapefile"]),
        .testTarget(name: "GridGeoStoreTests", dependencies: ["GridGeoStore"]),
        // Also runs the built `geo-import` binary (end-to-end and crash tests): `swift build` and
        // `swift test` build every executable beside the test bundle, so no dependency on it is needed.
        .testTarget(name: "GeoImportTests", dependencies: [
            "GridGeoImport", "GridGeoStore", "GridGeoShapefile", "GridGeoPROJ", "GridGeoCore", "GridGeoGEOS", "GridGeoSpatiaLite",
            "GridGeoGrids", "GridGeoHierarchy", "GridGeoComponents", "GridGeoLookup", "GridGeoIndex",
        ]),
        .testTarget(name: "GridGeoIndexTests", dependencies: ["GridGeoIndex", "GridGeoGEOS"]),   // GEOS as the reference
        .testTarget(name: "GridGeoLookupTests", dependencies: [
            "GridGeoLookup", "GridGeoStore", "GridGeoCore", "GridGeoIndex", "GridGeoPROJ",
            .product(name: "InMemoryLogging", package: "swift-log"),
            .product(name: "MetricsTestKit", package: "swift-metrics"),
        ]),
        .testTarget(name: "GridGeoGridsTests", dependencies: ["GridGeoGrids", "GridGeoGEOS"]),
        .testTarget(name: "GridGeoHierarchyTests", dependencies: [
            "GridGeoHierarchy", "GridGeoGrids", "GridGeoStore", "GridGeoGEOS", "GridGeoCore",
        ]),
        .testTarget(name: "GridGeoComponentsTests", dependencies: ["GridGeoComponents", "GridGeoStore", "GridGeoLookup", "GridGeoIndex", "GridGeoCore"]),
    ],
    swiftLanguageModes: [.v6]
)
