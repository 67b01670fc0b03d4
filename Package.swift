// swift-tools-version:6.1
import PackageDescription

// Module boundaries follow dependency lines: only ZhibiaoText sees ICU (through CZhibiaoICU),
// only ZhibiaoIngest sees libxml2, zlib and libcrypto (through CZhibiaoXML, CZhibiaoZip and
// CZhibiaoCrypto). Stages talk through ZhibiaoCore values. The CLI is a thin layer over the
// `Zhibiao` facade.
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
        .target(
            name: "Zhibiao",
            dependencies: [
                "ZhibiaoCore", "ZhibiaoText", "ZhibiaoIngest", "ZhibiaoStructure", "ZhibiaoGrammar", "ZhibiaoExtract",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "zhibiao",
            dependencies: [
                "Zhibiao", "ZhibiaoExtract", "ZhibiaoGrammar",
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
