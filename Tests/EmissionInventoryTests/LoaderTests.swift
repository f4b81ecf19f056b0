import Diagnostics
import EmisTestSupport
import Foundation
import Testing

@testable import EmissionInventory

/// Loads an inventory whose sources table is `sources` (and manifest `manifest`).
func load(sources: String, manifest: String? = nil, strict: Bool = false) throws -> (
    InventoryLoadResult, TemporaryFolder
) {
    let folder = try TemporaryFolder()
    let path = try folder.writeInventory(sources: sources, manifest: manifest)
    return (InventoryLoader(strict: strict).load(path), folder)
}

@Suite struct DerivedNumbersTests {
    /// The worked example (Docs/reference/measures.md): p1 gives SO2 by factor and efficiency, NOx as emissions, CO2 by
    /// factor; h1 has no efficiency; e1 has zero activity and no base emissions.
    @Test func workedExampleGivesA0EtaAndK() throws {
        let (result, _) = try load(sources: Fixtures.workedExampleSources)
        let inventory = try #require(result.inventory)
        let table = inventory.sources
        #expect(table.count == 3)
        #expect(table.activity == [100, 1000, 0])
        let so2 = try #require(table.columns(for: .so2))
        #expect(so2.intensity == [1.0, 0.015, 0])  // ef / 1000: t per activity unit
        #expect(so2.efficiency == [0.5, 0, 0])
        let nox = try #require(table.columns(for: .nox))
        #expect(nox.intensity == [0.8, 0, 0])  // 80 t / (100 · (1 − 0))
        let co2 = try #require(table.columns(for: .co2))
        #expect(co2.intensity == [900, 1.98, 1])
        #expect(table.columns(for: .vocs) == nil)
        let totals = inventory.baseYearTotals()
        #expect(totals[.so2] == 65)  // 100·1·0.5 + 1000·0.015
        #expect(totals[.nox] == 80)
        #expect(totals[.co2] == 91_980)  // 100·900 + 1000·1.98
    }

    @Test func givenEmissionsWithEfficiencyRoundTrip() throws {
        // k = E0 / (A0 (1 − η0)) = 30 / (10 · 0.25) = 12; E0 = A0 · k · (1 − η0) = 30.
        let (result, _) = try load(sources: "id,sector,activity,SO2,SO2.eff\na,x,10,30,0.75\n")
        let inventory = try #require(result.inventory)
        #expect(inventory.sources.columns(for: .so2)?.intensity == [12])
        #expect(abs(inventory.baseYearTotals()[.so2]! - 30) <= 1e-12 * 30)
    }

    @Test func emissionUnitConvertsTheEmissionColumnsOnly() throws {
        let manifest = Fixtures.manifest.replacingOccurrences(of: "emission_unit: t", with: "emission_unit: 万吨")
        let (result, _) = try load(sources: "id,sector,activity,NOx,SO2.ef\na,x,2,1.5,500\n", manifest: manifest)
        let totals = try #require(result.inventory).baseYearTotals()
        #expect(totals[.nox] == 15_000)  // 1.5 万吨
        #expect(totals[.so2] == 1)  // 2 · 500 kg, factors are always kg per activity unit
    }

    @Test func defaultsAndOptionalColumns() throws {
        let (result, _) = try load(
            sources: """
                id,name,sector,county,activity,energy_tce,fossil,CO2
                a,"Plant, A",power/coal,平城区,,0.3,,5
                b,,power/renewable/pv,,10,0.3,false,
                """)
        let table = try #require(result.inventory).sources
        #expect(table.activity == [1, 10])  // empty activity means 1
        #expect(table.names[0] == "Plant, A")
        #expect(table.counties[0] == "平城区")
        #expect(table.counties[1] == nil)
        #expect(table.energyPerActivity == [0.3, 0.3])
        #expect(table.isFossil == [true, false])  // fossil defaults to true
        #expect(table.sectors.values == ["power/coal", "power/renewable/pv"])
    }

    @Test func acceptsBOMCRLFAndCaseInsensitiveHeaders() throws {
        let (result, _) = try load(sources: "\u{FEFF}ID,Sector,so2\r\na,x,3\r\nb,x,4\r\n")
        #expect(result.diagnostics.isEmpty)
        #expect(try #require(result.inventory).baseYearTotals()[.so2] == 7)
    }

    @Test func aFolderOrItsYAMLFileCanBeGiven() throws {
        let folder = try TemporaryFolder()
        let path = try folder.writeInventory(sources: Fixtures.workedExampleSources)
        let viaFile = InventoryLoader().load(path + "/inventory.yaml")
        #expect(viaFile.inventory?.sources.count == 3)
        #expect(InventoryLoader().load(path).inventory?.manifest.name == "test")
    }

    @Test func manifestIsRead() throws {
        let (result, _) = try load(sources: Fixtures.workedExampleSources)
        let manifest = try #require(result.inventory).manifest
        #expect(manifest.baseYear == 2020)
        #expect(manifest.region == "测试市")
        #expect(manifest.macro["gdp"] == MacroValue(value: 100, unit: "亿元"))
        #expect(manifest.sectorNames.isEmpty)
    }

    @Test func sectorNamesAreReadAsMappingsOrPlainChineseNames() throws {
        let manifest = Fixtures.manifest + "\nsector_names:\n  power: {zh: 电力, en: Power}\n  residential/heating: 采暖\n"
        let (result, _) = try load(sources: Fixtures.workedExampleSources, manifest: manifest)
        let names = try #require(result.inventory).manifest.sectorNames
        #expect(
            names == [
                "power": LocalizedText(en: "Power", zh: "电力"),
                "residential/heating": LocalizedText(en: "residential/heating", zh: "采暖"),
            ])
    }

    @Test(arguments: [
        ("  power//coal: 电力", 10, 3, "is not a sector path"),
        ("  power: {zh: 电力, fr: Électricité}", 10, 19, "fr"),
        ("  power: {en: Power}", 10, 10, "zh"),
        ("  - power", 10, 3, "must be a mapping"),
    ])
    func badSectorNamesAreErrorsAtTheirPlace(entry: String, line: Int, column: Int, message: String) throws {
        let manifest = Fixtures.manifest + "\nsector_names:\n" + entry + "\n"
        let (result, _) = try load(sources: Fixtures.workedExampleSources, manifest: manifest)
        #expect(result.inventory == nil)
        let error = try #require(result.diagnostics.items.first { $0.severity == .error })
        #expect(error.message.en.contains(message), "\(error.message.en)")
        #expect(
            error.location?.line == line && error.location?.column == column,
            "\(error.location.map { "\($0.line):\($0.column)" } ?? "none")")
    }
}

/// Each kind of bad input is reported once, at the right line and column, with exit-worthy
/// severity; none crashes.
@Suite struct InvalidInputTests {
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var sources: String
        var line: Int
        var column: Int
        var message: String
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "missing required column", sources: "id,activity\na,1\n", line: 1, column: 0,
            message: "the required column 'sector' is missing"),
        Case(
            name: "misspelt required column", sources: "id,sectr\na,x\n", line: 1, column: 0,
            message: "the required column 'sector' is missing ('sectr' looks like a misspelling of it)"),
        Case(
            name: "duplicate id", sources: "id,sector\na,x\nb,x\na,y\n", line: 4, column: 1,
            message: "duplicate id 'a' (first used on line 2)"),
        Case(
            name: "empty id", sources: "id,sector\n,x\n", line: 2, column: 1,
            message: "empty id: every source needs a unique id"),
        Case(
            name: "id with a space", sources: "id,sector\nmy plant,x\n", line: 2, column: 1,
            message: "id 'my plant' may only hold letters, digits, '_', '.' and '-'"),
        Case(
            name: "negative activity", sources: "id,sector,activity\na,x,-5\n", line: 2, column: 5,
            message: "activity must not be negative, got -5"),
        Case(
            name: "efficiency of 1 or more", sources: "id,sector,SO2.ef,SO2.eff\na,x,1,1.2\n", line: 2, column: 7,
            message: "SO2.eff must be in [0, 1), got 1.2"),
        Case(
            name: "negative efficiency", sources: "id,sector,SO2.ef,SO2.eff\na,x,1,-0.1\n", line: 2, column: 7,
            message: "SO2.eff must not be negative, got -0.1"),
        Case(
            name: "non-numeric cell", sources: "id,sector,NOx\na,x,abc\n", line: 2, column: 5,
            message: "NOx must be a number, got 'abc'"),
        Case(
            name: "NaN cell", sources: "id,sector,NOx.ef\na,x,NaN\n", line: 2, column: 5,
            message: "NOx.ef must be a finite number, got 'NaN'"),
        Case(
            name: "infinite cell", sources: "id,sector,activity\na,x,inf\n", line: 2, column: 5,
            message: "activity must be a finite number, got 'inf'"),
        Case(
            name: "emissions with zero activity", sources: "id,sector,activity,CO2\na,x,0,12\n", line: 2, column: 7,
            message: "CO2 emissions are 12 but activity is 0; a source with emissions needs activity > 0"),
        Case(
            name: "both P and P.ef", sources: "id,sector,SO2,SO2.ef\na,x,1,2\n", line: 2, column: 7,
            message: "both SO2 and SO2.ef are given for this source; give one of them"),
        Case(
            name: "short row", sources: "id,sector,SO2\na,x,1\nb,x\n", line: 3, column: 4,
            message: "this row has 2 fields but the header has 3"),
        Case(
            name: "long row", sources: "id,sector\na,x,1\n", line: 2, column: 5,
            message: "this row has 3 fields but the header has 2"),
        Case(
            name: "unterminated quote", sources: "id,name,sector\na,\"open,x\nb,c,d\n", line: 2, column: 3,
            message: "unterminated quoted field: the closing \" is missing"),
        Case(
            name: "empty file (not mapped: Foundation leaks on it, found by fuzz-inventory)", sources: "", line: 0,
            column: 0,
            message: "the sources file is empty (it needs a header line and one row per source)"),
        Case(
            name: "header only", sources: "id,sector\n", line: 1, column: 0,
            message: "the sources file has a header but no sources"),
        Case(
            name: "duplicate column", sources: "id,sector,SO2,so2\na,x,1,2\n", line: 1, column: 15,
            message: "column 'so2' appears twice"),
        Case(
            name: "empty sector segment", sources: "id,sector\na,industry//cement\n", line: 2, column: 3,
            message: "sector 'industry//cement' must be a path like 'industry/cement' (no empty parts)"),
        Case(
            name: "bad fossil flag", sources: "id,sector,energy_tce,fossil\na,x,1,maybe\n", line: 2, column: 7,
            message: "fossil must be true or false, got 'maybe'"),
    ]

    @Test(arguments: cases)
    func isReportedAtTheRightPlace(_ bad: Case) throws {
        let (result, _) = try load(sources: bad.sources)
        #expect(result.inventory == nil)
        let errors = result.diagnostics.items.filter { $0.severity == .error }
        #expect(errors.count == 1, "\(errors.map(\.message.en))")
        let error = try #require(errors.first)
        #expect(error.message.en == bad.message)
        #expect(error.location?.line == bad.line)
        #expect(error.location?.column == bad.column)
        #expect(error.location?.file.hasSuffix("sources.csv") == true)
        #expect(!error.message.zh.isEmpty && error.message.zh != error.message.en)
    }

    @Test func allProblemsAreCollectedTogether() throws {
        let (result, _) = try load(sources: "id,sector,activity,SO2.eff,SO2.ef\na,x,-1,2,1\na,x,1,0.5,zz\n")
        #expect(result.diagnostics.errorCount == 4)
        #expect(result.diagnostics.items.map { $0.location?.line } == [2, 2, 3, 3])
    }

    @Test func aSystematicMistakeStopsAfterTheLimit() throws {
        var rows = "id,sector,activity\n"
        for k in 0..<1_000 { rows += "s\(k),x,oops\n" }
        let (result, _) = try load(sources: rows)
        #expect(result.diagnostics.items.count == 200)
        #expect(result.diagnostics.isTruncated)
    }

    @Test func unknownColumnsWarnWithASuggestionAndFailUnderStrict() throws {
        let sources = "id,sector,SO2.efff,remarks\na,x,1,note\n"
        let (lenient, _) = try load(sources: sources)
        #expect(lenient.inventory != nil)
        #expect(lenient.diagnostics.warningCount == 2)
        #expect(lenient.diagnostics.items[0].suggestion == "SO2.eff")
        #expect(lenient.diagnostics.items[0].location?.column == 11)
        #expect(lenient.diagnostics.items[1].suggestion == nil)
        let (strict, _) = try load(sources: sources, strict: true)
        #expect(strict.inventory == nil)
        #expect(strict.diagnostics.errorCount == 2)
    }

    @Test func textThatIsNotUTF8IsRefusedWithAHint() throws {
        let folder = try TemporaryFolder()
        try folder.write("inv/inventory.yaml", Fixtures.manifest)
        var bytes = Array("id,name,sector\na,".utf8)
        bytes += [0xB4, 0xF3, 0xCD, 0xAC]  // "大同" in GBK
        bytes += Array(",x\n".utf8)
        try folder.write("inv/sources.csv", Data(bytes))
        let result = InventoryLoader().load(folder.path + "/inv")
        #expect(result.diagnostics.errorCount == 1)
        #expect(result.diagnostics.items[0].message.en.contains("GBK"))
        #expect(result.diagnostics.items[0].location?.column == 3)
    }
}

@Suite struct ManifestErrorTests {
    func diagnostics(_ manifest: String, sources: String = "id,sector\na,x\n") throws -> DiagnosticList {
        try load(sources: sources, manifest: manifest).0.diagnostics
    }

    @Test func unknownUnit() throws {
        let list = try diagnostics("base_year: 2020\nsources: sources.csv\nemission_unit: tonnes\n")
        #expect(list.errorCount == 1)
        #expect(list.items[0].location?.line == 3)
        #expect(list.items[0].location?.column == 16)
        #expect(list.items[0].message.en.hasPrefix("unknown mass unit 'tonnes'"))
    }

    @Test func unknownKeyWithSuggestion() throws {
        let list = try diagnostics("base_year: 2020\nsources: sources.csv\nregoin: 大同\n")
        #expect(list.errorCount == 1)
        #expect(list.items[0].location == SourceLocation(file: list.items[0].location!.file, line: 3, column: 1))
        #expect(list.items[0].suggestion == "region")
    }

    @Test func missingKey() throws {
        let list = try diagnostics("name: x\nsources: sources.csv\n")
        #expect(list.errorCount == 1)
        #expect(list.items[0].message.en == "the inventory file is missing the required key 'base_year'")
    }

    @Test func implausibleYearAndWrongTypes() throws {
        let list = try diagnostics("base_year: 20200\nsources: [a]\nmacro: {gdp: {value: -1}}\n")
        #expect(list.errorCount == 3)
        #expect(list.items.map { $0.location?.line } == [1, 2, 3])
    }

    @Test func emptyManifest() throws {
        let list = try diagnostics("")
        #expect(list.items.map(\.message.en) == ["the inventory file is empty"])
    }

    @Test func missingSourcesFile() throws {
        let list = try diagnostics("base_year: 2020\nsources: nowhere.csv\n")
        #expect(list.errorCount == 1)
        #expect(list.items[0].message.en == "the sources file does not exist")
        #expect(list.items[0].location?.file.hasSuffix("nowhere.csv") == true)
    }

    @Test func missingFolder() {
        let result = InventoryLoader().load("/nonexistent/emis/inventory")
        #expect(result.inventory == nil)
        #expect(result.diagnostics.items.map(\.message.en) == ["no such file or folder"])
    }
}
