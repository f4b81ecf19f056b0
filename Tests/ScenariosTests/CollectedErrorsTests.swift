import Diagnostics
import EmisTestSupport
import Foundation
import Testing

@testable import Scenarios

/// Reading goes on after an error: every mistake is reported, once, in order of position.
@Suite struct CollectedErrorsTests {
    @Test func threeMistakesGiveThreeErrors() throws {
        let space = try Workspace()
        let result = try space.load(
            text: header + """
                measures:
                  - id: ule
                    kind: retrofit
                    select: {ids: [p1]}
                    efficiencey: {SO2: 0.9}
                  - {id: heat, kind: substitute, select: {sector: residential}, to: e1, share: 1.5}
                targets:
                  - {id: t, pollutant: NOx, year: 2035, reduction: 0.1}
                """)
        #expect(result.scenario == nil)
        #expect(
            result.errorMessages == [
                "unknown key 'efficiencey' in retrofit measure 'ule'",
                "share must be in (0, 1], got 1.5",
                "target year 2035 is outside the scenario's years 2020–2030",
            ])
        #expect(result.errors.map { $0.location?.line } == [7, 8, 10])
    }

    /// A misspelt kind is read as the kind it most likely means, so its other mistakes are
    /// found in the same run; a target with a mistake still has its year checked.
    @Test func oneMistakeDoesNotHideTheNext() throws {
        let space = try Workspace()
        let result = try space.load(
            text: header + """
                measures:
                  - {id: m, kind: retrofitt, select: {ids: [p1]}, efficiency: {SO2: 1.5}}
                targets:
                  - {id: t, pollutant: NOX, year: 2040, reduction: 0.1}
                """)
        #expect(
            result.errorMessages == [
                "unknown measure kind 'retrofitt' (kinds: scale, substitute, retrofit, reduction, cap, add)",
                "efficiency for SO2 must be in [0, 1), got 1.5",
                "unknown pollutant 'NOX' (pollutant ids are case-sensitive)",
                "target year 2040 is outside the scenario's years 2020–2030",
            ])
    }

    /// A misspelt key is reported once, with its suggestion, not again as a missing key.
    @Test func aMisspeltRequiredKeyIsNotAlsoMissing() throws {
        let space = try Workspace()
        let result = try space.load(
            text: header + """
                measures:
                  - {id: m, kidn: scale, select: {sector: power}, factor: 0}
                  - {id: n, kind: substitute, select: {sector: power}, to: e1, shaer: 0.5}
                  - {id: o, kind: add, source: {id: x, sectr: power/new, activty: 1}}
                targets:
                  - {id: t, pollutant: NOx, year: 2025, reductoin: 0.1}
                """)
        #expect(result.errors.map(\.suggestion) == ["kind", "share", "sector", "activity", "reduction"])
    }

    @Test func mistakesInSeveralFilesAreAllReported() throws {
        let space = try Workspace()
        try space.write(
            "parent.yaml", header + "measures:\n  - {id: a, kind: scale, select: {sector: power}, factor: -2}\n")
        try space.write("more.yaml", "measures:\n  - {id: b, kind: cap, select: {sector: power}, limit: {SOx: 1}}\n")
        try space.write("goals.yaml", "targets:\n  - {id: g, pollutant: NOx, year: 2025, reductoin: 0.1}\n")
        let result = try space.load(
            "child.yaml",
            text: """
                extends: parent.yaml
                import: [more.yaml]
                targets: goals.yaml
                economics: {discount_rate: -0.1}
                """)
        let files = result.errors.compactMap { $0.location?.file }
        #expect(Set(files) == Set(["parent.yaml", "more.yaml", "goals.yaml", "child.yaml"].map(space.path)))
        #expect(result.errors.count == 4, "\(result.errorMessages)")
        #expect(result.errors.first { $0.location?.file == space.path("goals.yaml") }?.suggestion == "reduction")
    }

    @Test func aMissingFileIsAnErrorWithoutALine() {
        let result = ScenarioLoader().load("/nonexistent/emis/plan.yaml")
        #expect(result.scenario == nil)
        #expect(result.errorMessages == ["no such file"])
        #expect(result.errors.first?.location == SourceLocation(file: "/nonexistent/emis/plan.yaml"))
    }

    @Test func anEmptyFile() throws {
        let space = try Workspace()
        let result = try space.load(text: "")
        #expect(result.errorMessages == ["the scenario file is empty"])
    }

    @Test func aSyntaxErrorIsReportedWithItsPosition() throws {
        let space = try Workspace()
        let result = try space.load(text: header + "measures: [\n")
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.message.en.hasPrefix("invalid YAML") == true)
        #expect((result.errors.first?.location?.line ?? 0) >= 3)
    }

    @Test func aDuplicateKeyPointsAtTheSecondOne() throws {
        let space = try Workspace()
        let result = try space.load(text: header + "years: [2020, 2025]\n")
        #expect(result.errorMessages == ["duplicate key 'years'"])
        #expect(result.errors.first?.location == SourceLocation(file: space.path("s.yaml"), line: 3, column: 1))
    }

    /// "Billion laughs": nine levels of ten aliases each would expand to 10^9 nodes.
    @Test func anAliasBombIsRefusedQuickly() throws {
        var text =
            header + "drivers:\n  - {select: {sector: power}, rate: 0.1}\nx0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            text +=
                "x\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
                + "]\n"
        }
        let space = try Workspace()
        let clock = ContinuousClock()
        var result: ScenarioLoadResult?
        let elapsed = try clock.measure { result = try space.load(text: text) }
        #expect(elapsed < .seconds(10))
        let errors = try #require(result).errors
        #expect(errors.count == 1)
        #expect(errors.first?.message.en.contains("alias") == true)
        #expect(errors.first?.location?.file == space.path("s.yaml"))
    }

    @Test func anInventoryWithMistakesIsReportedInItsOwnFile() throws {
        let space = try Workspace(inventory: false)
        try space.folder.writeInventory(
            sources: Fixtures.workedExampleSources,
            manifest: "base_year: 2020\nsources: sources.csv\nregoin: x\n")
        let result = try space.load(text: header)
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.location?.file == space.path("inv/inventory.yaml"))
        #expect(result.errors.first?.suggestion == "region")
    }

    @Test func findingsAreSortedByPosition() throws {
        let space = try Workspace()
        let result = try space.load(
            text: header + """
                targets:
                  - {id: t, pollutant: NOx, year: 2040, reduction: 0.1}
                measures:
                  - {id: m, kind: scale, select: {sector: power}, factor: -1}
                """)
        #expect(result.errors.map { $0.location?.line } == [4, 6])
    }
}
