import Foundation

/// A fresh folder under the system's temporary directory, removed when the value is
/// released. Tests write their inputs here, never next to the repository's data.
public final class TemporaryFolder: @unchecked Sendable {
    public let url: URL

    public init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("emis-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    public var path: String { url.path }

    /// Writes `text` (UTF-8) to `name` inside the folder, creating subfolders.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        try write(name, Data(text.utf8))
    }

    @discardableResult
    public func write(_ name: String, _ data: Data) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
        return file.path
    }

    /// Writes an inventory folder `name` with a standard `inventory.yaml` and `sources.csv`.
    @discardableResult
    public func writeInventory(_ name: String = "inv", sources: String, manifest: String? = nil) throws -> String {
        try write("\(name)/inventory.yaml", manifest ?? Fixtures.manifest)
        try write("\(name)/sources.csv", sources)
        return url.appendingPathComponent(name).path
    }
}

/// Inputs used by several test targets.
public enum Fixtures {
    public static let manifest = """
        name: test
        title: 测试清单
        region: 测试市
        base_year: 2020
        sources: sources.csv
        emission_unit: t
        macro:
          gdp: {value: 100, unit: 亿元}
        """

    /// The sources of the worked example in Docs/reference/measures.md.
    public static let workedExampleSources = """
        id,sector,activity,activity_unit,SO2.ef,SO2.eff,NOx,CO2.ef
        p1,power/coal,100,GWh,1000,0.5,80,900000
        h1,residential/heating/coal,1000,t coal,15,,,1980
        e1,residential/heating/electric,0,MWh,,,,1000

        """

    /// The repository root, found from this file's location.
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}
