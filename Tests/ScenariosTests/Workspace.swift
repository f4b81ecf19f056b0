import Diagnostics
import EmisTestSupport
import Foundation
import Testing

@testable import Scenarios

/// A temporary folder holding the worked-example inventory in `inv/` and the scenario
/// files a test writes next to it.
struct Workspace {
    let folder: TemporaryFolder

    init(inventory: Bool = true) throws {
        folder = try TemporaryFolder()
        if inventory {
            try folder.writeInventory(sources: Fixtures.workedExampleSources)
        }
    }

    /// The path of `name` inside the folder: what diagnostics call the file.
    func path(_ name: String) -> String { folder.path + "/" + name }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try folder.write(name, text)
    }

    func load(_ name: String) -> ScenarioLoadResult {
        ScenarioLoader().load(path(name))
    }

    /// Writes `text` as `name` and loads it.
    func load(_ name: String = "s.yaml", text: String) throws -> ScenarioLoadResult {
        try write(name, text)
        return load(name)
    }
}

/// The start of most scenario files in these tests: lines 1 and 2.
let header = "inventory: inv\nyears: [2020, 2030]\n"

extension ScenarioLoadResult {
    var errors: [Diagnostic] { diagnostics.items.filter { $0.severity == .error } }
    var errorMessages: [String] { errors.map(\.message.en) }
}

func approximatelyEqual(_ a: Double, _ b: Double, relative: Double = 1e-12) -> Bool {
    abs(a - b) <= relative * max(1, abs(a), abs(b))
}
