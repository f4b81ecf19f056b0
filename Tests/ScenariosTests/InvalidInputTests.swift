import Diagnostics
import EmisTestSupport
import Foundation
import Testing

@testable import Scenarios

/// Each kind of bad input is reported once, at the right file, line and column, in both
/// languages, and the scenario is refused.
@Suite struct InvalidInputTests {
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        /// The whole of `s.yaml`, next to the worked-example inventory `inv/`.
        var text: String
        var line: Int
        var column: Int
        /// `{FILE}` stands for the path of s.yaml, `{DIR}` for its folder.
        var message: String
        var suggestion: String? = nil
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "unknown measure key",
            text:
                "inventory: inv\nyears: [2020, 2030]\nmeasures:\n  - id: ule\n    kind: retrofit\n    select: {ids: [p1]}\n    efficiencey: {SO2: 0.9}\n",
            line: 7, column: 5, message: "unknown key 'efficiencey' in retrofit measure 'ule'", suggestion: "efficiency"
        ),
        Case(
            name: "unknown kind",
            text:
                "inventory: inv\nyears: [2020, 2030]\nmeasures:\n  - id: ule\n    kind: retrofitt\n    select: {ids: [p1]}\n    efficiency: {SO2: 0.9}\n",
            line: 5, column: 11,
            message: "unknown measure kind 'retrofitt' (kinds: scale, substitute, retrofit, reduction, cap, add)",
            suggestion: "retrofit"),
        Case(
            name: "key of another kind",
            text:
                "inventory: inv\nyears: [2020, 2030]\nmeasures:\n  - {id: m, kind: scale, select: {sector: power}, factor: 0.5, share: 0.5}\n",
            line: 4, column: 64,
            message: "unknown key 'share' in scale measure 'm' ('share' belongs to substitute measures)"),
        Case(
            name: "select in add",
            text:
                "inventory: inv\nyears: [2020, 2030]\nmeasures:\n  - {id: m, kind: add, select: {sector: power}, source: {id: n, sector: x, activity: 1}}\n",
            line: 4, column: 24,
            message: "unknown key 'select' in add measure 'm' (an add measure creates a new source and selects none)"),
        Case(
            name: "unknown top-level key", text: "inventory: inv\nyears: [2020, 2030]\nmeasure: []\n", line: 3,
            column: 1, message: "unknown key 'measure' in the scenario file", suggestion: "measures"),
        Case(
            name: "duplicate key",
            text:
                "inventory: inv\nyears: [2020, 2030]\nmeasures:\n  - id: m\n    kind: scale\n    select: {sector: power}\n    factor: 0.5\n    factor: 0.6\n",
            line: 8, column: 5, message: "duplicate key 'factor'"),
        Case(
            name: "wrong type",
            text:
                "inventory: inv\nyears: [2020, 2030]\nmeasures:\n  - {id: m, kind: scale, select: {sector: power}, factor: half}\n",
            line: 4, column: 59, message: "'factor' must be a number, got 'half'"),
        Case(
            name: "quoted number",
            text:
                "inventory: inv\nyears: [2020, 2030]\nmeasures:\n  - {id: m, kind: scale, select: {sector: power}, factor: '0.5'}\n",
            line: 4, column: 59, message: "'factor' must be a number, got '0.5'"),
        Case(
            name: "share above 1",
            text:
                "inventory: inv\nyears: [2020, 2030]\nmeasures:\n  - {id: m, kind: substitute, select: {sector: power}, to: e1, share: 1.5}\n",
            line: 4, column: 71, message: "share must be in (0, 1], got 1.5"),
        Case(
            name: "share and amount",
            text:
                "inventory: inv\nyears: [2020, 2030]\nmeasures:\n  - {id: m, kind: substitute, select: {sector: power}, to: e1, share: 0.5, amount: 3}\n",
            line: 4, column: 76,
            message: "a substitute measure takes only one of 'share', 'amount', got both 'share' and 'amount'"),
        Case(
            name: "negative factor",
            text:
                "inventory: inv\nyears: [2020, 2030]\nmeasures:\n  - {id: m, kind: scale, select: {sector: power}, factor: -1}\n",
            line: 4, column: 59, message: "factor must not be negative, got -1"),
        Case(
            name: "efficiency of 1",
            text:
                "inventory: inv\nyears: [2020, 2030]\nmeasures:\n  - {id: m, kind: retrofit, select: {sector: power}, efficiency: {SO2: 1.0}}\n",
            line: 4, column: 72, message: "efficiency for SO2 must be in [0, 1), got 1.0"),
        Case(
            name: "additional above 1",
            text:
                "inventory: inv\nyears: [2020, 2030]\nmeasures:\n  - {id: m, kind: retrofit, select: {sector: power}, additional: {NOx: 1.2}}\n",
            line: 4, column: 72, message: "additional for NOx must be in [0, 1], got 1.2"),
        Case(
            name: "coverage 0",
            text:
                "inventory: inv\nyears: [2020, 2030]\nmeasures:\n  - {id: m, kind: retrofit, select: {sector: power}, additional: {NOx: 0.2}, coverage: 0}\n",
            line: 4, column: 88, message: "coverage must be in (0, 1], got 0"),
        Case(
            name: "retrofit without efficiency",
            text:
                "inventory: inv\nyears: [2020, 2030]\nmeasures:\n  - {id: m, kind: retrofit, select: {sector: power}}\n",
            line: 4, column: 5,
            message:
                "retrofit measure 'm' needs 'efficiency' (a new removal efficiency) and/or 'additional' (an add-on removal)"
        ),
        Case(
            name: "unknown pollutant",
            text:
                "inventory: inv\nyears: [2020, 2030]\nmeasures:\n  - {id: m, kind: retrofit, select: {sector: power}, efficiency: {so2: 0.9}}\n",
            line: 4, column: 67, message: "unknown pollutant 'so2' (pollutant ids are case-sensitive)",
            suggestion: "SO2"),
        Case(
            name: "start after full",
            text:
                "inventory: inv\nyears: [2020, 2030]\nmeasures:\n  - {id: m, kind: scale, select: {sector: power}, factor: 0, start: 2025, full: 2023}\n",
            line: 4, column: 81, message: "start 2025 is after full 2023"),
        Case(
            name: "full before the default start",
            text:
                "inventory: inv\nyears: [2020, 2030]\nmeasures:\n  - {id: m, kind: scale, select: {sector: power}, factor: 0, full: 2020}\n",
            line: 4, column: 68,
            message: "full 2020 is before the default start 2021 (the year after the base year): give 'start'"),
        Case(
            name: "start before the base year",
            text:
                "inventory: inv\nyears: [2020, 2030]\nmeasures:\n  - {id: m, kind: scale, select: {sector: power}, factor: 0, start: 2019}\n",
            line: 4, column: 69, message: "start 2019 is before the base year 2020"),
        Case(
            name: "full before the base year",
            text:
                "inventory: inv\nyears: [2020, 2030]\nmeasures:\n  - {id: m, kind: scale, select: {sector: power}, factor: 0, full: 2019}\n",
            line: 4, column: 68, message: "full 2019 is before the base year 2020"),
        Case(
            name: "target year outside years",
            text:
                "inventory: inv\nyears: [2020, 2030]\ntargets:\n  - {id: t, pollutant: NOx, year: 2035, reduction: 0.1}\n",
            line: 4, column: 35, message: "target year 2035 is outside the scenario's years 2020–2030"),
        Case(
            name: "remove of an unknown id", text: "inventory: inv\nyears: [2020, 2030]\nremove: [x]\n", line: 3,
            column: 10,
            message: "cannot remove 'x': this file extends no scenario ('remove' deletes measures of the parent)"),
        Case(
            name: "missing inventory", text: "years: [2020, 2030]\n", line: 1, column: 1,
            message:
                "the scenario names no inventory: add 'inventory:' (the inventory folder or its inventory.yaml), here or in the file it extends"
        ),
        Case(
            name: "missing years", text: "inventory: inv\n", line: 1, column: 1,
            message: "the scenario has no 'years': add years: [first, last], here or in the file it extends"),
        Case(
            name: "inventory that does not exist", text: "inventory: nowhere\nyears: [2020, 2030]\n", line: 1,
            column: 12, message: "the inventory does not exist (looked for {DIR}/nowhere)"),
        Case(
            name: "first year is not the base year", text: "inventory: inv\nyears: [2019, 2030]\n", line: 2, column: 9,
            message: "the first year 2019 must be the inventory's base year 2020"),
        Case(
            name: "years reversed", text: "inventory: inv\nyears: [2030, 2020]\n", line: 2, column: 9,
            message: "the first year 2030 is after the last year 2020"),
        Case(
            name: "three years", text: "inventory: inv\nyears: [2020, 2025, 2030]\n", line: 2, column: 8,
            message: "'years' must be [first, last], two years, got 3 values"),
        Case(
            name: "implausible year", text: "inventory: inv\nyears: [2020, 20300]\n", line: 2, column: 15,
            message: "years must be between 1950 and 2100, got 20300"),
        Case(
            name: "discount rate of 1", text: "inventory: inv\nyears: [2020, 2030]\neconomics: {discount_rate: 1}\n",
            line: 3, column: 28, message: "discount_rate must be in [0, 1), got 1"),
        Case(
            name: "empty selector",
            text: "inventory: inv\nyears: [2020, 2030]\nmeasures:\n  - {id: m, kind: scale, select: {}, factor: 0}\n",
            line: 4, column: 34, message: "an empty 'select' would match every source: give 'sector', 'county' or 'ids'"
        ),
        Case(
            name: "unknown selector key",
            text:
                "inventory: inv\nyears: [2020, 2030]\nmeasures:\n  - {id: m, kind: scale, select: {sectr: power}, factor: 0}\n",
            line: 4, column: 35, message: "unknown key 'sectr' in 'select'", suggestion: "sector"),
        Case(
            name: "sector with an empty part",
            text:
                "inventory: inv\nyears: [2020, 2030]\nmeasures:\n  - {id: m, kind: scale, select: {sector: power//coal}, factor: 0}\n",
            line: 4, column: 43, message: "sector 'power//coal' must be a path like 'industry/cement' (no empty parts)"),
        Case(
            name: "measure id with a space",
            text:
                "inventory: inv\nyears: [2020, 2030]\nmeasures:\n  - {id: my measure, kind: scale, select: {sector: power}, factor: 0}\n",
            line: 4, column: 10, message: "measure id 'my measure' may only hold letters, digits, '_', '.' and '-'"),
        Case(
            name: "missing kind",
            text: "inventory: inv\nyears: [2020, 2030]\nmeasures:\n  - {id: m, select: {sector: power}, factor: 0}\n",
            line: 4, column: 5, message: "measure 'm' is missing the required key 'kind'"),
        Case(
            name: "missing select",
            text: "inventory: inv\nyears: [2020, 2030]\nmeasures:\n  - {id: m, kind: scale, factor: 0}\n", line: 4,
            column: 5, message: "scale measure 'm' is missing the required key 'select'"),
        Case(
            name: "driver with rate and index",
            text:
                "inventory: inv\nyears: [2020, 2030]\ndrivers:\n  - {select: {sector: power}, rate: 0.1, index: {2020: 1}}\n",
            line: 4, column: 42, message: "a driver takes only one of 'rate', 'index', got both 'rate' and 'index'"),
        Case(
            name: "driver without subject", text: "inventory: inv\nyears: [2020, 2030]\ndrivers:\n  - {rate: 0.1}\n",
            line: 4, column: 5,
            message: "a driver needs 'select' (which sources grow) or 'macro' (a macro series such as gdp)"),
        Case(
            name: "rate of -1",
            text: "inventory: inv\nyears: [2020, 2030]\ndrivers:\n  - {select: {sector: power}, rate: -1}\n", line: 4,
            column: 37, message: "rate must be greater than -1, got -1"),
        Case(
            name: "index year not a number",
            text:
                "inventory: inv\nyears: [2020, 2030]\ndrivers:\n  - {select: {sector: power}, index: {2020: 1, next: 2}}\n",
            line: 4, column: 48, message: "the years of 'index' must be whole numbers, got 'next'"),
        Case(
            name: "index value not positive",
            text:
                "inventory: inv\nyears: [2020, 2030]\ndrivers:\n  - {select: {sector: power}, index: {2020: 1, 2025: 0}}\n",
            line: 4, column: 54, message: "index value for 2025 must be greater than 0, got 0"),
        Case(
            name: "unknown macro series",
            text: "inventory: inv\nyears: [2020, 2030]\ndrivers:\n  - {macro: gpd, rate: 0.05}\n", line: 4, column: 13,
            message: "the inventory has no macro series 'gpd' (it has: gdp)", suggestion: "gdp"),
        Case(
            name: "unknown mass unit",
            text:
                "inventory: inv\nyears: [2020, 2030]\nmeasures:\n  - {id: m, kind: cap, select: {sector: power}, limit: {SO2: 3 tonnes}}\n",
            line: 4, column: 62, message: "unknown mass unit 'tonnes' in limit for SO2 (known: kg, t, kt, 万t, 万吨, Mt)"),
        Case(
            name: "negative mass",
            text:
                "inventory: inv\nyears: [2020, 2030]\nmeasures:\n  - {id: m, kind: reduction, select: {sector: power}, amount: {SO2: -3 t}}\n",
            line: 4, column: 69, message: "amount for SO2 must not be negative, got -3 t"),
        Case(
            name: "unknown money unit",
            text:
                "inventory: inv\nyears: [2020, 2030]\nmeasures:\n  - {id: m, kind: scale, select: {sector: power}, factor: 0, cost: {capital: 3 亿, lifetime: 10}}\n",
            line: 4, column: 78, message: "unknown money unit '亿' in capital (known: 元, 万元, 亿元)", suggestion: "亿元"),
        Case(
            name: "lifetime 0",
            text:
                "inventory: inv\nyears: [2020, 2030]\nmeasures:\n  - {id: m, kind: scale, select: {sector: power}, factor: 0, cost: {capital: 1, lifetime: 0}}\n",
            line: 4, column: 91, message: "lifetime must be greater than 0, got 0"),
        Case(
            name: "add without activity",
            text:
                "inventory: inv\nyears: [2020, 2030]\nmeasures:\n  - {id: m, kind: add, source: {id: n, sector: power/new}}\n",
            line: 4, column: 32, message: "the added source is missing the required key 'activity'"),
        Case(
            name: "inline target with activity",
            text:
                "inventory: inv\nyears: [2020, 2030]\nmeasures:\n  - {id: m, kind: substitute, select: {sector: power}, share: 1, to: {id: n, sector: x, activity: 5}}\n",
            line: 4, column: 89, message: "an inline substitution target starts with zero activity: remove 'activity'"),
        Case(
            name: "inline target with emissions",
            text:
                "inventory: inv\nyears: [2020, 2030]\nmeasures:\n  - {id: m, kind: substitute, select: {sector: power}, share: 1, to: {id: n, sector: x, NOx: 5}}\n",
            line: 4, column: 89,
            message:
                "NOx emissions cannot be given for an inline substitution target, which starts with zero activity: give NOx.ef (kg per activity unit) instead"
        ),
        Case(
            name: "both P and P.ef",
            text:
                "inventory: inv\nyears: [2020, 2030]\nmeasures:\n  - {id: m, kind: add, source: {id: n, sector: x, activity: 1, SO2: 3, SO2.ef: 2}}\n",
            line: 4, column: 72, message: "both SO2 and SO2.ef are given for this source; give one of them"),
        Case(
            name: "emissions with zero activity",
            text:
                "inventory: inv\nyears: [2020, 2030]\nmeasures:\n  - {id: m, kind: add, source: {id: n, sector: x, activity: 0, SO2: 3}}\n",
            line: 4, column: 69,
            message: "SO2 emissions are 3 but activity is 0; a source with emissions needs activity > 0"),
        Case(
            name: "source key in the wrong case",
            text:
                "inventory: inv\nyears: [2020, 2030]\nmeasures:\n  - {id: m, kind: add, source: {id: n, sector: x, activity: 1, so2.ef: 3}}\n",
            line: 4, column: 64, message: "unknown key 'so2.ef' in the added source (pollutant ids are case-sensitive)",
            suggestion: "SO2.ef"),
        Case(
            name: "source efficiency of 1",
            text:
                "inventory: inv\nyears: [2020, 2030]\nmeasures:\n  - {id: m, kind: add, source: {id: n, sector: x, activity: 1, SO2.ef: 3, SO2.eff: 1}}\n",
            line: 4, column: 84, message: "SO2.eff must be in [0, 1), got 1"),
        Case(
            name: "to is a list",
            text:
                "inventory: inv\nyears: [2020, 2030]\nmeasures:\n  - {id: m, kind: substitute, select: {sector: power}, share: 1, to: [e1]}\n",
            line: 4, column: 70, message: "'to' must be a source id or a source mapping (id, sector, …), got a list"),
        Case(
            name: "target without a kind",
            text: "inventory: inv\nyears: [2020, 2030]\ntargets:\n  - {id: t, pollutant: NOx, year: 2025}\n", line: 4,
            column: 5, message: "target 't' needs one of 'reduction', 'cap', 'project_reduction' or 'intensity'"),
        Case(
            name: "target with two kinds",
            text:
                "inventory: inv\nyears: [2020, 2030]\ntargets:\n  - {id: t, pollutant: NOx, year: 2025, reduction: 0.1, cap: 5}\n",
            line: 4, column: 57,
            message:
                "target 't' takes only one of 'reduction', 'cap', 'project_reduction', 'intensity', got both 'reduction' and 'cap'"
        ),
        Case(
            name: "target reduction of 1",
            text:
                "inventory: inv\nyears: [2020, 2030]\ntargets:\n  - {id: t, pollutant: NOx, year: 2025, reduction: 1}\n",
            line: 4, column: 52, message: "reduction must be in (-1, 1), got 1"),
        Case(
            name: "unknown metric",
            text:
                "inventory: inv\nyears: [2020, 2030]\ntargets:\n  - {id: t, metric: enrgy, year: 2025, reduction: 0.1}\n",
            line: 4, column: 21,
            message: "unknown metric 'enrgy' (the only metric is 'energy'; for emissions use 'pollutant')",
            suggestion: "energy"),
        Case(
            name: "pollutant and metric",
            text:
                "inventory: inv\nyears: [2020, 2030]\ntargets:\n  - {id: t, pollutant: NOx, metric: energy, year: 2025, reduction: 0.1}\n",
            line: 4, column: 29,
            message: "target 't' takes only one of 'pollutant', 'metric', got both 'pollutant' and 'metric'"),
        Case(
            name: "energy cap with a unit",
            text: "inventory: inv\nyears: [2020, 2030]\ntargets:\n  - {id: t, metric: energy, year: 2025, cap: 5 t}\n",
            line: 4, column: 46, message: "cap of an energy target must be a number of tce, got '5 t'"),
        Case(
            name: "intensity per unknown series",
            text:
                "inventory: inv\nyears: [2020, 2030]\ntargets:\n  - {id: t, pollutant: CO2, year: 2025, intensity: {per: population, reduction: 0.2}}\n",
            line: 4, column: 58, message: "the inventory has no macro series 'population' (it has: gdp)"),
        Case(
            name: "duplicate target id",
            text:
                "inventory: inv\nyears: [2020, 2030]\ntargets:\n  - {id: t, pollutant: NOx, year: 2025, reduction: 0.1}\n  - {id: t, pollutant: SO2, year: 2025, reduction: 0.1}\n",
            line: 5, column: 10, message: "duplicate target id 't' (first defined at {FILE}:4:10)"),
        Case(
            name: "targets as a mapping", text: "inventory: inv\nyears: [2020, 2030]\ntargets: {id: t}\n", line: 3,
            column: 10, message: "'targets' must be a list of targets or the path of a targets file, got a mapping"),
        Case(
            name: "missing targets file", text: "inventory: inv\nyears: [2020, 2030]\ntargets: goals.yaml\n", line: 3,
            column: 10, message: "cannot read 'goals.yaml': no such file (looked for {DIR}/goals.yaml)"),
        Case(
            name: "measures not a list", text: "inventory: inv\nyears: [2020, 2030]\nmeasures: {id: m}\n", line: 3,
            column: 11, message: "'measures' must be a list, got a mapping"),
        Case(
            name: "root not a mapping", text: "- a\n- b\n", line: 1, column: 1,
            message: "the scenario file must be a mapping, got a list"),
        Case(
            name: "unknown pollutant in a target",
            text:
                "inventory: inv\nyears: [2020, 2030]\ntargets:\n  - {id: t, pollutant: NOX, year: 2025, reduction: 0.1}\n",
            line: 4, column: 24, message: "unknown pollutant 'NOX' (pollutant ids are case-sensitive)",
            suggestion: "NOx"),
        Case(
            name: "unknown pollutant that is no typo",
            text:
                "inventory: inv\nyears: [2020, 2030]\nmeasures:\n  - {id: m, kind: cap, select: {sector: power}, limit: {Hg: 1}}\n",
            line: 4, column: 57,
            message: "unknown pollutant 'Hg' (known: SO2, NOx, VOCs, PM, PM10, PM2.5, CO, NH3, COD, NH3-N, CO2)"),
    ]

    @Test(arguments: cases)
    func isReportedAtTheRightPlace(_ bad: Case) throws {
        let space = try Workspace()
        let result = try space.load("s.yaml", text: bad.text)
        #expect(result.scenario == nil)
        #expect(result.errors.count == 1, "\(result.errorMessages)")
        let error = try #require(result.errors.first)
        let file = space.path("s.yaml")
        let message = bad.message.replacingOccurrences(of: "{FILE}", with: file)
            .replacingOccurrences(of: "{DIR}", with: space.folder.path)
        #expect(error.message.en == message)
        #expect(error.location == SourceLocation(file: file, line: bad.line, column: bad.column))
        #expect(error.suggestion == bad.suggestion)
        #expect(
            error.sourceLine
                == bad.text.split(separator: "\n", omittingEmptySubsequences: false)
                .map(String.init)[bad.line - 1])
        #expect(!error.message.zh.isEmpty && error.message.zh != error.message.en)
    }
}
