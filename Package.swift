// swift-tools-version:6.1
import PackageDescription

// Module boundaries follow dependency lines: only ZhibiaoText sees ICU (through CZhibiaoICU),
// only ZhibiaoIngest sees libxml2, zlib and libcrypto (through CZhibiaoXML, CZhibiaoZip and
// CZhibiaoCrypto). Stages talk through ZhibiaoCore values. The CLI is a thin layer over the
// `Zhibiao` facade. The catalog: ZhibiaoCatalog (the store protocol and records, Core only),
// ZhibiaoCatalogSQLite (the only GRDB importer) and ZhibiaoCatalogPostgres (the only postgres-nio
// importer).
let package = Package(
    name: "Zhibiao",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Zhibiao", targets: ["Zhibiao"]),
        .executable(name: "zhibiao", targets: ["zhibiao"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        // Tests only: writes the DOCX fixtures.
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        // The catalog's stores.
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // The local web view (`zhibiao serve`).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        // System libraries: pkg-config carriers for the C shims, never imported from Swift.
        .systemLibrary(name: "CICUSystem", pkgConfig: "icu-i18n", providers: [.apt(["libicu-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CZLibSystem", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CCryptoSystem", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        // C shims with plain-C public headers (zb_* functions).
        .target(name: "CZhibiaoICU", dependencies: ["CICUSystem"]),
        .target(name: "CZhibiaoXML", dependencies: ["CLibXML2"]),
        .target(name: "CZhibiaoZip", dependencies: ["CZLibSystem"]),
        .target(name: "CZhibiaoCrypto", dependencies: ["CCryptoSystem"]),

        .target(name: "ZhibiaoCore"),
        .target(
            name: "ZhibiaoText",
            dependencies: ["ZhibiaoCore", "CZhibiaoICU", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "ZhibiaoIngest",
            dependencies: [
                "ZhibiaoCore", "ZhibiaoText", "CZhibiaoXML", "CZhibiaoZip", "CZhibiaoCrypto",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "ZhibiaoStructure", dependencies: ["ZhibiaoCore", "ZhibiaoText"]),
        .target(name: "ZhibiaoGrammar", dependencies: ["ZhibiaoCore"]),
        .target(name: "ZhibiaoExtract", dependencies: ["ZhibiaoCore", "ZhibiaoGrammar"]),
        // Aligns a child plan with its parent; Core values only, so catalog rows align too.
        .target(name: "ZhibiaoAlign", dependencies: ["ZhibiaoCore"]),
        .target(name: "ZhibiaoCatalog", dependencies: ["ZhibiaoCore"]),
        .target(
            name: "ZhibiaoCatalogSQLite",
            dependencies: ["ZhibiaoCatalog", "ZhibiaoCore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "ZhibiaoCatalogPostgres",
            dependencies: [
                "ZhibiaoCatalog", "ZhibiaoCore", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "Zhibiao",
            dependencies: [
                "ZhibiaoCore", "ZhibiaoText", "ZhibiaoIngest", "ZhibiaoStructure", "ZhibiaoGrammar", "ZhibiaoExtract",
                "ZhibiaoAlign", "ZhibiaoCatalog", "CZhibiaoZip",
                .product(name: "Logging", package: "swift-log"),
            ],
            // The grammar set ships with the library (SwiftPM copies the top-level Grammars/ into
            // the Zhibiao_Zhibiao.resources bundle; GrammarLocator finds it, no environment needed).
            resources: [.copy("../../Grammars")]
        ),
        // The local web view: server, routes and HTML pages over a catalog store (the only Hummingbird importer).
        .target(
            name: "ZhibiaoWeb",
            dependencies: [
                "Zhibiao", "ZhibiaoCatalog", "ZhibiaoCore", "ZhibiaoAlign",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "zhibiao",
            dependencies: [
                "Zhibiao", "ZhibiaoExtract", "ZhibiaoGrammar", "ZhibiaoCatalog", "ZhibiaoCatalogSQLite", "ZhibiaoCatalogPostgres", "ZhibiaoWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Tests
        .target(name: "ZhibiaoTestSupport", dependencies: ["ZhibiaoCore", "Zhibiao"], path: "Tests/ZhibiaoTestSupport"),
        .testTarget(name: "ZhibiaoCoreTests", dependencies: ["ZhibiaoCore", "ZhibiaoTestSupport"]),
        .testTarget(name: "ZhibiaoTextTests", dependencies: ["ZhibiaoText", "ZhibiaoTestSupport"]),
        .testTarget(
            name: "ZhibiaoIngestTests",
            dependencies: [
                "ZhibiaoIngest", "ZhibiaoText", "ZhibiaoTestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // Runs the built `zhibiao` binary (the dependency makes SwiftPM build it first).
        .testTarget(name: "ZhibiaoStructureTests", dependencies: ["Zhibiao", "ZhibiaoStructure", "ZhibiaoText", "ZhibiaoTestSupport"]),
        .testTarget(
            name: "ZhibiaoExtractTests",
            dependencies: ["Zhibiao", "ZhibiaoExtract", "ZhibiaoGrammar", "ZhibiaoCore", "ZhibiaoTestSupport"]
        ),
        .testTarget(name: "ZhibiaoCLITests", dependencies: ["ZhibiaoTestSupport", "zhibiao"]),
        // The library's public API (Pipeline, bundled grammars, renderers).
        .testTarget(name: "ZhibiaoTests", dependencies: ["Zhibiao", "ZhibiaoCore", "ZhibiaoIngest", "ZhibiaoTestSupport"]),
        .testTarget(
            name: "ZhibiaoAlignTests",
            dependencies: [
                "ZhibiaoAlign", "Zhibiao", "ZhibiaoCore", "ZhibiaoTestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .testTarget(
            name: "ZhibiaoWebTests",
            dependencies: ["ZhibiaoWeb", "ZhibiaoCatalog", "ZhibiaoCatalogSQLite", "Zhibiao", "ZhibiaoCore", "ZhibiaoTestSupport", "zhibiao"]
        ),
        .testTarget(
            name: "ZhibiaoCatalogTests",
            dependencies: ["ZhibiaoCatalog", "ZhibiaoCatalogSQLite", "ZhibiaoCatalogPostgres", "Zhibiao", "ZhibiaoCore", "ZhibiaoTestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// Benchmarks (release builds, `make bench`): only when ZHIBIAO_BENCHMARKS is set, so that a
// normal build and `make test` do not compile them.
if Context.environment["ZHIBIAO_BENCHMARKS"] != nil {
    package.targets.append(
        .executableTarget(name: "zhibiao-bench", dependencies: ["Zhibiao"], path: "Benchmarks/ZhibiaoBenchmarks")
    )
}

// Fuzzing (`make fuzz`, Fuzz/run.sh): only when ZHIBIAO_FUZZ is set. Built with -parse-as-library,
// so that libFuzzer's driver, not a generated main, runs it; run.sh adds the sanitizer flags.
if Context.environment["ZHIBIAO_FUZZ"] != nil {
    package.targets.append(
        .executableTarget(name: "ZhibiaoFuzz", dependencies: ["Zhibiao"], path: "Fuzz/ZhibiaoFuzz",
                          swiftSettings: [.unsafeFlags(["-parse-as-library"])])
    )
}
