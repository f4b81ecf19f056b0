// swift-tools-version: 6.0
// libFuzzer targets for emis's readers (see Docs/testing.md). A package of its own, so that
// executables without a `main` (libFuzzer provides it) never reach `swift test`. Build with
// `make fuzz`, which passes -sanitize=fuzzer,address.
import PackageDescription

let package = Package(
    name: "EmisFuzz",
    dependencies: [.package(name: "emis", path: "..")],
    targets: [
        .target(name: "FuzzSupport", path: "Sources/FuzzSupport"),
        .executableTarget(
            name: "fuzz-csv", dependencies: ["FuzzSupport", .product(name: "FileFormats", package: "emis")],
            path: "Sources/fuzz-csv"),
        .executableTarget(
            name: "fuzz-yaml",
            dependencies: [
                "FuzzSupport", .product(name: "FileFormats", package: "emis"),
                .product(name: "Diagnostics", package: "emis"),
            ],
            path: "Sources/fuzz-yaml"),
        .executableTarget(
            name: "fuzz-inventory",
            dependencies: ["FuzzSupport", .product(name: "EmissionInventory", package: "emis")],
            path: "Sources/fuzz-inventory"),
        .executableTarget(
            name: "fuzz-scenario",
            dependencies: [
                "FuzzSupport", .product(name: "EmissionInventory", package: "emis"),
                .product(name: "Diagnostics", package: "emis"), .product(name: "Scenarios", package: "emis"),
                .product(name: "ScenarioEngine", package: "emis"),
            ],
            path: "Sources/fuzz-scenario"),
    ]
)
