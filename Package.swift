// swift-tools-version: 6.0
//
// emis: an emissions inventory and scenario modeler for Chinese cities.
//
// Layout (one module per role):
//   COpenBLAS, CLAPACKE  system libraries found through pkg-config (never absolute paths)
//   LinearAlgebra        a small Swift API over cblas and LAPACKE, typed errors
//   LinearProgramming    a primal–dual interior-point LP solver (Mehrotra) on LinearAlgebra
//   Diagnostics          compiler-style findings with file, line and column
//   CFileSystem          renameat2 (exchange, no-replace) behind a C wall
//   FileFormats          strict CSV and YAML readers, JSON and CSV writers, safe atomic output
//   FormatSchema         the vocabulary of the format registry: field and record specs, value ranges
//   EmissionInventory    pollutants, units, the inventory loader and its column store
//   Scenarios            scenario files: inheritance, imports, measures, drivers, targets
//   ScenarioEngine       annual projection, per-measure attribution, target evaluation
//   Analysis             one command's scenarios: loading, levels, optimisation, the analysis year
//   Presentation         numbers and targets in words; the terminal tables
//   Charts               standalone SVG charts (lines, stacked bars, cost-curve steps); no dependencies
//   Reports              the scenario comparison and carbon-peak report: HTML, Markdown, CSV
//   FormatReference      renders the bilingual format reference (Docs/reference) from the registry
//   emis                 the thin command-line front end (swift-argument-parser)
import PackageDescription

let package = Package(
    name: "emis",
    products: [
        .executable(name: "emis", targets: ["emis"]),
        .library(name: "EmissionInventory", targets: ["EmissionInventory"]),
        .library(name: "LinearAlgebra", targets: ["LinearAlgebra"]),
        // For the fuzz targets (Fuzz/Package.swift), which read through these.
        .library(name: "Diagnostics", targets: ["Diagnostics"]),
        .library(name: "FileFormats", targets: ["FileFormats"]),
        .library(name: "Scenarios", targets: ["Scenarios"]),
        .library(name: "ScenarioEngine", targets: ["ScenarioEngine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
    ],
    targets: [
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        .systemLibrary(
            name: "CLAPACKE",
            pkgConfig: "lapacke",
            providers: [.apt(["liblapacke-dev"])]
        ),
        .target(
            name: "LinearAlgebra",
            dependencies: ["COpenBLAS", "CLAPACKE"]
        ),
        .target(
            name: "LinearProgramming",
            dependencies: ["LinearAlgebra"]
        ),
        .target(name: "Diagnostics"),
        // The format registry's value types; the entries themselves live with their readers.
        .target(name: "FormatSchema", dependencies: ["Diagnostics"]),
        // renameat2 (exchange, no-replace) for writing output folders safely; Linux only.
        .target(name: "CFileSystem"),
        .target(
            name: "FileFormats",
            dependencies: ["Diagnostics", "CFileSystem", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "EmissionInventory",
            dependencies: ["Diagnostics", "FileFormats", "FormatSchema"]
        ),
        .target(
            name: "Scenarios",
            dependencies: ["Diagnostics", "FileFormats", "EmissionInventory", "FormatSchema"]
        ),
        .target(
            name: "ScenarioEngine",
            dependencies: [
                "Diagnostics", "FileFormats", "EmissionInventory", "Scenarios", "LinearAlgebra",
                "LinearProgramming",
            ]
        ),
        .target(
            name: "Analysis",
            dependencies: [
                "Diagnostics", "FileFormats", "FormatSchema", "EmissionInventory", "Scenarios", "ScenarioEngine",
            ]
        ),
        .target(
            name: "Presentation",
            dependencies: [
                "Diagnostics", "FileFormats", "EmissionInventory", "Scenarios", "ScenarioEngine", "Analysis",
            ]
        ),
        // Plain Swift string building, no Foundation: the report generator embeds the SVG text.
        .target(name: "Charts"),
        .target(
            name: "Reports",
            dependencies: [
                "ScenarioEngine", "Scenarios", "EmissionInventory", "FileFormats", "Diagnostics", "Charts",
                "Analysis", "Presentation", .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "FormatReference",
            dependencies: [
                "FormatSchema", "EmissionInventory", "Scenarios", "ScenarioEngine", "Analysis", "Diagnostics",
            ]
        ),
        .executableTarget(
            name: "emis",
            dependencies: [
                "EmissionInventory",
                "Scenarios",
                "ScenarioEngine",
                "Analysis",
                "Presentation",
                "Reports",
                "FormatReference",
                "FileFormats",
                "Diagnostics",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Helpers shared by the test targets (temporary folders, fixtures); not shipped.
        .target(name: "EmisTestSupport", dependencies: ["EmissionInventory"], path: "Tests/EmisTestSupport"),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "EmisTestSupport"]),
        .testTarget(
            name: "LinearProgrammingTests", dependencies: ["LinearProgramming", "LinearAlgebra", "EmisTestSupport"]),
        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),
        // __Snapshots__ holds the stored SVGs the snapshot test compares with (read via #filePath).
        .testTarget(name: "ChartsTests", dependencies: ["Charts"], exclude: ["__Snapshots__"]),
        .testTarget(name: "FileFormatsTests", dependencies: ["FileFormats", "Diagnostics", "EmisTestSupport"]),
        .testTarget(
            name: "EmissionInventoryTests",
            dependencies: ["EmissionInventory", "Diagnostics", "FileFormats", "EmisTestSupport"]
        ),
        .testTarget(
            name: "ScenariosTests",
            dependencies: ["Scenarios", "EmissionInventory", "Diagnostics", "EmisTestSupport"]
        ),
        .testTarget(
            name: "ScenarioEngineTests",
            // Presentation and Analysis: the terminal tables and the analysis layer are tested
            // on real projection results built here.
            dependencies: [
                "ScenarioEngine", "Scenarios", "EmissionInventory", "Diagnostics", "FileFormats",
                "EmisTestSupport", "Presentation", "Analysis",
            ]
        ),
        .testTarget(
            name: "ReportsTests",
            dependencies: [
                "Reports", "Analysis", "ScenarioEngine", "Scenarios", "EmissionInventory", "Diagnostics",
                "FileFormats", "EmisTestSupport",
            ],
            exclude: ["Snapshots"]
        ),
        // Compares the rendered reference with Docs/reference (read via #filePath) and parses its examples.
        .testTarget(
            name: "FormatReferenceTests",
            dependencies: [
                "FormatReference", "FormatSchema", "Scenarios", "ScenarioEngine", "EmissionInventory", "Diagnostics",
                "EmisTestSupport",
            ]
        ),
        // Runs the built `emis` binary; depending on it makes SwiftPM build it first.
        .testTarget(
            name: "CLITests",
            dependencies: ["emis", "Analysis", "EmissionInventory", "FormatSchema", "EmisTestSupport"]),
    ]
)
