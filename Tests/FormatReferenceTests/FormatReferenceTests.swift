import Diagnostics
import EmisTestSupport
import EmissionInventory
import FormatReference
import FormatSchema
import Foundation
import ScenarioEngine
import Scenarios
import Testing

/// The reference in Docs/reference is what the registry renders, covers every key the
/// readers accept, and its examples are valid input.
struct FormatReferenceTests {
    static let folder = Fixtures.repositoryRoot.appendingPathComponent("Docs/reference")

    /// Set `EMIS_RECORD_REFERENCE=1` to rewrite the committed pages after changing the registry.
    @Test func committedPagesAreWhatTheRegistryRenders() throws {
        let record = ProcessInfo.processInfo.environment["EMIS_RECORD_REFERENCE"] == "1"
        for page in ReferencePage.allCases {
            for language in Language.allCases {
                let file = Self.folder.appendingPathComponent(page.path(language))
                let rendered = page.render(language)
                if record {
                    try FileManager.default.createDirectory(
                        at: file.deletingLastPathComponent(),
                        withIntermediateDirectories: true)
                    try rendered.write(to: file, atomically: true, encoding: .utf8)
                    continue
                }
                let committed = try? String(contentsOf: file, encoding: .utf8)
                #expect(
                    committed.map { $0 == rendered } ?? false,
                    "Docs/reference/\(page.path(language)) is stale: run EMIS_RECORD_REFERENCE=1 make test")
            }
        }
    }

    /// Every record of the registry is on a page, and each of its keys appears there as code.
    @Test func everyKeyOfTheRegistryIsDocumented() {
        let pages = ReferencePage.allCases
        for record in FormatRegistry.records {
            let owners = pages.filter { $0.records.contains(record) }
            #expect(owners.count == 1, "\(record.name) is on \(owners.count) pages")
            for page in owners {
                for language in Language.allCases {
                    let text = page.render(language)
                    for field in record.fields {
                        #expect(
                            text.contains("`\(field.key)`"),
                            "\(record.name).\(field.key) missing from \(page.path(language))")
                    }
                }
            }
        }
    }

    /// Every measure kind, driver form and target kind in the registry has an example.
    @Test func everyKindHasAnExample() {
        for kind in MeasureKindName.allCases { #expect(kind.spec.example != nil, "\(kind)") }
        for kind in ScenarioFormat.targetKinds { #expect(kind.example != nil, "\(kind.name)") }
        #expect(ScenarioFormat.driver.example != nil)
    }

    /// The examples of the measure kinds, the drivers and the targets, put into one scenario
    /// on a small inventory, load and project without a finding.
    @Test func theExamplesAreValidInput() throws {
        let folder = try TemporaryFolder()
        try folder.writeInventory(
            sources: """
                id,sector,county,activity,activity_unit,energy_tce,fossil,SO2.ef,SO2.eff,NOx,VOCs.ef,CO2.ef
                p1,power/coal,云冈区,100,GWh,300,,1000,0.5,80,,900000
                c1,industry/cement,平城区,50,kt clinker,100,,400,,30,2,
                h1,residential/heating/coal,平城区,1000,t coal,0.7,,15,,,,1980
                e1,residential/heating/electric,平城区,0,MWh,0.1229,false,,,,,1000
                t1,transport/road,平城区,10,Mvkm,20,,,,5,1,

                """)
        func indented(_ text: String) -> String {
            text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
        }
        let measures = MeasureKindName.allCases.compactMap { $0.spec.example?.text }.map(indented).joined(
            separator: "\n")
        let drivers = try #require(ScenarioFormat.driver.example?.text)
        let targets = try #require(ScenarioFormat.target.example?.text)
        let scenario = """
            scenario: examples
            inventory: inv
            years: [2020, 2026]
            \(drivers)
            measures:
            \(measures)
            \(targets)
            """
        let path = try folder.write("examples.yaml", scenario)
        let loaded = ScenarioLoader().load(path)
        let findings = loaded.diagnostics.items.map {
            "\($0.location.map(String.init(describing:)) ?? ""): \($0.message.en)"
        }
        #expect(loaded.scenario != nil && loaded.diagnostics.items.isEmpty, "\(findings)\n\(scenario)")
        #expect(loaded.scenario?.measures.count == MeasureKindName.allCases.count)
        let loadedScenario = try #require(loaded.scenario)
        #expect(loadedScenario.targets.count == 5)
        let inventory = try #require(InventoryLoader().load(loadedScenario.inventoryPath).inventory)
        var diagnostics = DiagnosticList()
        let engine = ProjectionEngine(scenario: loadedScenario, inventory: inventory, diagnostics: &diagnostics)
        #expect(engine != nil && diagnostics.items.isEmpty, "\(diagnostics.items.map(\.message.en))")
        let result = try #require(engine?.project())
        #expect(result.targets.count == 5)
    }

    /// The worked example of the measures page gives the numbers the page states.
    @Test func theWorkedExampleGivesTheStatedNumbers() throws {
        let folder = try TemporaryFolder()
        try folder.writeInventory(sources: WorkedExample.sources + "\n")
        let loaded = ScenarioLoader().load(try folder.write("example.yaml", WorkedExample.scenario))
        let scenario = try #require(loaded.scenario, "\(loaded.diagnostics.items.map(\.message.en))")
        let inventory = try #require(InventoryLoader().load(scenario.inventoryPath).inventory)
        var diagnostics = DiagnosticList()
        let result = try #require(ProjectionEngine(scenario: scenario, inventory: inventory, diagnostics: &diagnostics))
            .project()
        func close(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) <= 1e-9 * max(1, abs(b)) } ?? false }
        #expect(close(result.totals[.so2]?[1], 40.5) && close(result.baselineTotals[.so2]?[1], 70))
        #expect(close(result.totals[.so2]?[2], 19.6))
        #expect(close(result.totals[.co2]?[1], 100_990) && close(result.baselineTotals[.co2]?[1], 100_980))
        let ule = try #require(result.measures.first { $0.id == "ule" })
        let heat = try #require(result.measures.first { $0.id == "heat" })
        #expect(close(ule.reduction[.so2]?[1], 22) && close(heat.reduction[.so2]?[1], 7.5))
        #expect(close(heat.reduction[.co2]?[1], -10))
    }

    /// A key the registry does not list is refused, for every measure kind: the reader's
    /// allowed keys are the registry's.
    @Test func aKeyOutsideTheRegistryIsAnError() throws {
        let folder = try TemporaryFolder()
        try folder.writeInventory(sources: Fixtures.workedExampleSources)
        for kind in MeasureKindName.allCases {
            let example = try #require(kind.spec.example?.text)
            let text =
                "inventory: inv\nyears: [2020, 2026]\nmeasures:\n"
                + example.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n    bogus_key: 1\n"
            let loaded = ScenarioLoader().load(try folder.write("\(kind.rawValue).yaml", text))
            #expect(
                loaded.diagnostics.items.contains { $0.severity == .error && $0.message.en.contains("bogus_key") },
                "\(kind): \(loaded.diagnostics.items.map(\.message.en))")
        }
    }
}
