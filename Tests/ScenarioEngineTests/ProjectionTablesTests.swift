import Diagnostics
import EmisTestSupport
import EmissionInventory
import Presentation
import Scenarios
import Testing

@testable import ScenarioEngine

/// The terminal views of `emis project`, `emis compare` and `emis check` (module `Presentation`),
/// on real projections of the worked example of Docs/reference/measures.md.
@Suite struct CheckReportTests {
    @Test func oneLinePerTargetThenASummaryInChinese() throws {
        let report = CheckReport(results: [try workedExample().project()], language: .zh)
        #expect(
            report.render() == """
                ✓ test  so2-2022  SO2 2022 削减 ≥ 50.0%：预计 69.8%，余量 +19.8 个百分点
                ✗ test  nox-cap   NOx 2022 排放量 ≤ 90 吨：预计 96.8 吨，余量 -6.8 吨
                ✗ test  co2-cap   CO2 2022 排放量 ≤ 100,000 吨：预计 110,890 吨，余量 -10,890 吨
                共 3 项目标：1 项达标，2 项未达标

                """)
        #expect(!report.allMet)
    }

    @Test func englishAndSeveralScenarios() throws {
        let engine = try workedExample()
        var plan = engine.project()
        plan.scenario = "plan"
        plan.targets = plan.targets.filter(\.met)
        let report = CheckReport(results: [engine.project(), plan], language: .en)
        #expect(
            report.render() == """
                ✓ test  so2-2022  SO2 2022 reduction ≥ 50.0%: projected 69.8%, margin +19.8 pp
                ✗ test  nox-cap   NOx 2022 emissions ≤ 90 t: projected 96.8 t, margin -6.8 t
                ✗ test  co2-cap   CO2 2022 emissions ≤ 100,000 t: projected 110,890 t, margin -10,890 t
                ✓ plan  so2-2022  SO2 2022 reduction ≥ 50.0%: projected 69.8%, margin +19.8 pp
                4 targets: 2 met, 2 missed (2 scenarios)

                """)
        #expect(!report.allMet)
        #expect(CheckReport(results: [plan], language: .en).allMet)
    }

    @Test func withoutTargetsEverythingIsMet() throws {
        let result = try engine(try inventory(MeasureKindTests.sources)).project()
        let report = CheckReport(results: [result], language: .zh)
        #expect(report.allMet)
        #expect(report.render() == "没有需要检查的目标。\n")
    }
}

@Suite struct TargetWordingTests {
    /// Every target kind, on a pollutant and on energy.
    func targets() throws -> [String: TargetResult] {
        let result = try engine(
            try inventory(MeasureKindTests.sources),
            drivers: [Driver(subject: .macro("gdp"), growth: .rate(0.25))],
            measures: [
                Measure(id: "s", kind: .scale(factor: 0.5), select: select(sector: "industry"), start: 2021, full: 2021)
            ],
            targets: [
                Target(id: "proj", metric: .pollutant(.co2), year: 2021, kind: .projectReduction(250)),
                Target(id: "int", metric: .pollutant(.co2), year: 2021, kind: .intensity(per: "gdp", reduction: 0.3)),
                Target(id: "energy", metric: .energy, year: 2021, kind: .intensity(per: "gdp", reduction: 0.2)),
                Target(id: "energy-cap", metric: .energy, year: 2021, kind: .cap(1_000)),
                Target(id: "energy-proj", metric: .energy, year: 2021, kind: .projectReduction(10)),
            ]
        ).project()
        return Dictionary(uniqueKeysWithValues: result.targets.map { ($0.id, $0) })
    }

    @Test func requirementsProjectionsAndMargins() throws {
        let t = try targets()
        let zh = ProjectionText(language: .zh)
        let en = ProjectionText(language: .en)
        // CO2: baseline − scenario = 200 t against 250 t.
        let proj = try #require(t["proj"])
        #expect(zh.requirement(proj) == "重点工程减排量 ≥ 250 吨")
        #expect(en.requirement(proj) == "project reductions ≥ 250 t")
        #expect(zh.value(proj, proj.projected) == "200 吨")
        #expect(zh.margin(proj) == "-50 吨")
        // Intensity: 1 − (1100/125)/(1300/100) = 32.3%.
        let int = try #require(t["int"])
        #expect(zh.requirement(int) == "单位GDP排放强度下降 ≥ 30.0%")
        #expect(en.requirement(int) == "reduction per unit of GDP ≥ 30.0%")
        #expect(en.value(int, int.projected) == "32.3%")
        #expect(en.margin(int) == "+2.3 pp")
        #expect(zh.margin(int) == "+2.3 个百分点")
        let energy = try #require(t["energy"])
        #expect(zh.subject(energy) == "能源" && en.subject(energy) == "Energy")
        #expect(zh.requirement(energy) == "单位GDP能耗下降 ≥ 20.0%")
        // Energy 2021: 20 + 300 = 320 tce under a cap of 1000.
        let cap = try #require(t["energy-cap"])
        #expect(zh.requirement(cap) == "消费量 ≤ 1,000 吨标煤")
        #expect(en.requirement(cap) == "use ≤ 1,000 tce")
        #expect(en.margin(cap) == "+680 tce")
        let saving = try #require(t["energy-proj"])
        #expect(zh.requirement(saving) == "重点工程节能量 ≥ 10 吨标煤")
        #expect(en.requirement(saving) == "project savings ≥ 10 tce")
        #expect(zh.status(true) == "✓ 达标" && en.status(false) == "✗ missed")
    }

    @Test func perCapitaWording() {
        let target = TargetResult(
            id: "pc", title: nil, metric: .pollutant(.co2), year: 2025,
            kind: .intensity(per: "population", reduction: 0.1),
            required: 0.1, projected: 0.1, margin: 0, note: nil)
        #expect(ProjectionText(language: .zh).requirement(target) == "人均排放量下降 ≥ 10.0%")
        #expect(ProjectionText(language: .en).requirement(target) == "reduction per capita ≥ 10.0%")
        // A zero margin that is met reads as +0.
        #expect(ProjectionText(language: .en).margin(target) == "+0.0 pp")
    }

    @Test func percentagesKeepOneDecimal() {
        #expect(TableNumber.percent(0.16) == "16.0%")
        #expect(TableNumber.percent(-0.00001) == "0.0%")
        #expect(TableNumber.percent(0.1234, signed: true) == "+12.3%")
        #expect(TableNumber.percent(-0.698, signed: true) == "-69.8%")
        #expect(TableNumber.oneDecimal(12_345.67) == "12,345.7")
        #expect(TableNumber.oneDecimal(.nan) == "–" && TableNumber.percent(-.infinity) == "–")
    }
}

@Suite struct ProjectionTableTests {
    func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test func headingTotalsTargetsInChinese() throws {
        let text = ProjectionTable(result: try workedExample().project(), language: .zh).render()
        let out = lines(text)
        #expect(out[0] == "情景 test")
        #expect(out[1] == "基准年：2020　预测年份：2020–2022　单位：吨/年 (t/a)")
        let header = try #require(out.first { $0.hasPrefix("污染物") })
        #expect(header.split(separator: " ") == ["污染物", "代码", "情景", "2020", "2021", "2022", "2022较2020"])
        // SO2: 65 → 19.6 t (−69.8%); baseline 75.5 t in 2022 (+16.2%).
        let so2 = try #require(out.firstIndex { $0.hasPrefix("二氧化硫  SO2") })
        #expect(out[so2].split(separator: " ").suffix(5) == ["基准情景", "65", "70", "75.5", "+16.2%"])
        #expect(out[so2 + 1].split(separator: " ").suffix(5) == ["本情景", "65", "40.5", "19.6", "-69.8%"])
        #expect(out.contains { $0.hasPrefix("二氧化碳  CO2") && $0.contains("91,980") })
        // Targets with their status; the title column appears since one target has a title.
        #expect(out.contains { $0.hasPrefix("so2-2022  二氧化硫减排  2022  SO2 削减 ≥ 50.0%") && $0.hasSuffix("✓ 达标") })
        #expect(out.contains { $0.hasPrefix("co2-cap") && $0.contains("CO2 排放量 ≤ 100,000 吨") && $0.hasSuffix("✗ 未达标") })
        #expect(!text.contains("警告"))
    }

    @Test func englishByMeasureShowsOnlyThePollutantsAMeasureChanges() throws {
        let text = ProjectionTable(result: try workedExample().project(), language: .en).render(byMeasure: true)
        let out = lines(text)
        #expect(out.contains("Sulphur dioxide (SO2): reduction by measure (t/a; negative: an increase)"))
        #expect(!text.contains("Nitrogen oxides (NOx): reduction by measure"))
        let co2 = try #require(out.firstIndex { $0.hasPrefix("Carbon dioxide (CO2): reduction by measure") })
        // Only `heat` changes CO2 (−10 t: electric heating emits more than the coal it replaces).
        #expect(out[co2 + 3].split(separator: " ") == ["heat", "燃煤取暖电代煤", "-", "-10", "-10"])
        #expect(out[co2 + 5].split(separator: " ") == ["Total", "-", "-10", "-10"])
        #expect(out.contains { $0.hasPrefix("so2-2022") && $0.hasSuffix("✓ met") })
    }

    @Test func breakdownTablesPerPollutant() throws {
        let result = try workedExample().project(grouping: .sector(depth: 1))
        let out = lines(ProjectionTable(result: result, language: .en).render(years: 2021...2022))
        let so2 = try #require(out.firstIndex(of: "Sulphur dioxide (SO2) by sector (t/a)"))
        #expect(out[so2 + 1].split(separator: " ") == ["Sector", "2021", "2022"])
        #expect(out[so2 + 3].split(separator: " ") == ["power", "33", "12.1"])
        #expect(out[so2 + 4].split(separator: " ") == ["residential", "7.5", "7.5"])
        #expect(out[so2 + 6].split(separator: " ") == ["Total", "40.5", "19.6"])
        // NOx comes only from power: no residential row.
        let nox = try #require(out.firstIndex(of: "Nitrogen oxides (NOx) by sector (t/a)"))
        #expect(out[nox + 4].hasPrefix("───"))
    }

    @Test func longProjectionsShowMilestoneYearsUnlessAskedForARange() throws {
        let result = try engine(
            try inventory(Fixtures.workedExampleSources), years: 2020...2031,
            targets: [Target(id: "t", metric: .pollutant(.so2), year: 2023, kind: .reduction(0.1))]
        ).project()
        let table = ProjectionTable(result: result, language: .en)
        let header = try #require(lines(table.render()).first { $0.hasPrefix("Pollutant") })
        #expect(
            header.split(separator: " ").suffix(8) == ["2020", "2023", "2025", "2030", "2031", "2031", "vs", "2020"])
        #expect(
            table.render().contains("(Showing the base year, every fifth year, the target years and the last year.)"))
        let full = try #require(lines(table.render(years: 2020...2031)).first { $0.hasPrefix("Pollutant") })
        #expect(
            full.split(separator: " ").dropFirst(3).prefix(12)
                == ArraySlice((2020...2031).map { Substring(String($0)) }))
    }

    @Test func warningsAreRenderedAtTheEnd() throws {
        let result = try engine(
            try inventory(MeasureKindTests.sources),
            measures: [
                Measure(
                    id: "big", kind: .reduction(amount: [.so2: 10]), select: select(sector: "industry"), start: 2021,
                    full: 2021)
            ]
        ).project()
        let text = ProjectionTable(result: result, language: .zh).render()
        #expect(text.hasSuffix("警告\n警告: " + result.warnings[0].message.zh + "\n"))
    }
}

@Suite struct CompareTableTests {
    @Test func oneTableWithTotalsChangesAndTargets() throws {
        let engine = try workedExample()
        let test = engine.project()
        var plan = engine.project()
        plan.scenario = "plan"
        plan.title = "规划情景"
        plan.targets.removeAll { $0.id == "nox-cap" }
        let text = CompareTable(results: [test, plan], year: 2022, language: .zh).render()
        let out = text.split(separator: "\n").map(String.init)
        #expect(out[0] == "情景对比：2022年　单位：吨/年 (t/a)　变化：相对基准年排放总量")
        #expect(out[1] == "  plan：规划情景")
        // One table: one header, three rules (under the header, around the targets' sub-header).
        #expect(out.filter { $0.hasPrefix("污染物") }.count == 1)
        #expect(out.filter { $0.hasPrefix("────") }.count == 3)
        let header = try #require(out.first { $0.hasPrefix("污染物") })
        #expect(header.contains("test 2022 (t)  test 较2020") && header.contains("plan 2022 (t)  plan 较2020"))
        let so2 = try #require(out.first { $0.hasPrefix("二氧化硫") })
        #expect(so2.split(separator: " ") == ["二氧化硫", "SO2", "19.6", "-69.8%", "19.6", "-69.8%"])
        let nox = try #require(out.first { $0.hasPrefix("nox-cap") })
        // `plan` has no such target.
        #expect(nox.split(separator: " ").suffix(5) == ["-6.8", "吨", "✗", "–", "–"])
        let so2Target = try #require(out.first { $0.hasPrefix("so2-2022") })
        #expect(so2Target.contains("SO2 2022 削减 ≥ 50.0%"))
        #expect(so2Target.hasSuffix("✓"))
    }

    @Test func aYearOutsideAScenarioShowsADash() throws {
        let short = try engine(try inventory(Fixtures.workedExampleSources), years: 2020...2021).project()
        let text = CompareTable(results: [short], year: 2022, language: .en).render()
        let so2 = try #require(text.split(separator: "\n").first { $0.hasPrefix("Sulphur dioxide") })
        #expect(so2.split(separator: " ").suffix(3) == ["SO2", "–", "–"])
    }
}
