// swift-tools-version:6.1
import PackageDescription

// A package that uses Zhibiao as a library. In your own package, depend on the repository
// instead of the path:
//     .package(url: "https://github.com/OWNER/zhibiao", branch: "main")  (or from: a tagged version)
let package = Package(
    name: "ZhibiaoExample",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Zhibiao", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "zhibiao-example",
            dependencies: [.product(name: "Zhibiao", package: "Zhibiao")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
