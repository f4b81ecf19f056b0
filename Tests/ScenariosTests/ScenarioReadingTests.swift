import Diagnostics
import EmisTestSupport
import EmissionInventory
import Foundation
import Testing

@testable import Scenarios

/// Valid files read into the expected `Scenario`.
@Suite struct ScenarioReadingTests {
    /// The worked example (Docs/reference/measures.md): years 2020–2022; driver `power` rate 0.1; `ule` = retrofit of p1
    /// to SO2 efficiency 0.9, start 2021, full 2022; `heat` = substitute
    /// `residential/heating/coal` → e1, share 0.5, ratio 2, start 2021.
    @Test func workedExampleOfTheAppendix() throws {
        let space = try Workspace()
        let result = try space.load(
            "example.yaml",
            text: """
                title: 附录算例
                inventory: inv
                years: [2020, 2022]
                drivers:
                  - select: {sector: power}
                    rate: 0.1
                measures:
                  - id: ule
                    kind: retrofit
                    select: {ids: [p1]}
                    efficiency: {SO2: 0.9}
                    start: 2021
                    full: 2022
                  - id: heat
                    kind: substitute
                    select: {sector: residential/heating/coal}
                    to: e1
                    share: 0.5
                    ratio: 2
                    start: 2021
                """)
        #expect(result.diagnostics.isEmpty, "\(result.errorMessages)")
        let scenario = try #require(result.scenario)
        #expect(scenario.id == "example")
        #expect(scenario.title == "附录算例")
        #expect(scenario.file == space.path("example.yaml"))
        #expect(scenario.inventoryPath == space.path("inv"))
        #expect(scenario.years == 2020...2022)
        #expect(scenario.files == [space.path("example.yaml")])
        #expect(scenario.economics == Economics(discountRate: 0.05))
        #expect(scenario.targets.isEmpty)

        #expect(scenario.drivers.count == 1)
        #expect(scenario.drivers[0].subject == .sources(Selector(sectors: ["power"])))
        #expect(scenario.drivers[0].growth == .rate(0.1))
        #expect(scenario.drivers[0].location?.line == 5)

        #expect(scenario.measures.map(\.id) == ["ule", "heat"])
        let ule = scenario.measures[0]
        guard case let .retrofit(efficiency, additional, coverage) = ule.kind else {
            Issue.record("ule should be a retrofit, got \(ule.kind.name)")
            return
        }
        #expect(efficiency == [.so2: 0.9])
        #expect(additional.isEmpty)
        #expect(coverage == 1)
        #expect(ule.select == Selector(ids: ["p1"]))
        #expect(ule.start == 2021 && ule.full == 2022)
        #expect(ule.phase(2021) == 0.5)
        #expect(!ule.isCandidate && ule.cost == nil)

        let heat = scenario.measures[1]
        guard case let .substitute(to, quantity, ratio) = heat.kind else {
            Issue.record("heat should be a substitute, got \(heat.kind.name)")
            return
        }
        guard case .existing(id: "e1") = to else {
            Issue.record("heat should move activity to e1")
            return
        }
        #expect(quantity == .share(0.5))
        #expect(ratio == 2)
        #expect(heat.select == Selector(sectors: ["residential/heating/coal"]))
        #expect(heat.start == 2021 && heat.full == 2021)  // full defaults to start
    }

    @Test func defaults() throws {
        let space = try Workspace()
        let result = try space.load(
            "plan.yaml",
            text: header + """
                measures:
                  - {id: m, kind: scale, select: {sector: power}, factor: 0.5}
                """)
        let scenario = try #require(result.scenario)
        #expect(scenario.id == "plan")  // the file name
        #expect(scenario.title == nil)
        #expect(scenario.measures[0].start == 2021)  // base year + 1
        #expect(scenario.measures[0].full == 2021)  // = start
        #expect(scenario.economics.discountRate == 0.05)
        #expect(ScenarioReading.defaultID("a/b/baseline.yml") == "baseline")
    }

    @Test func everyMeasureKind() throws {
        let space = try Workspace()
        let result = try space.load(
            text: header + """
                scenario: all-kinds
                economics: {discount_rate: 0.08}
                measures:
                  - id: shut
                    kind: scale
                    select: {county: [平城区, 云冈区], sector: [industry/cement, industry/coke]}
                    factor: 0
                    start: 2022
                    full: 2025
                    category: 产业结构调整
                    note: 淘汰落后产能
                    candidate: true
                    cost: {capital: "3.53 亿元", om: 200 万元, lifetime: 15}
                  - id: coal-to-gas
                    kind: substitute
                    select: {sector: residential/heating/coal}
                    amount: 400
                    to:
                      id: gas-heating
                      name: 燃气采暖
                      sector: residential/heating/gas
                      county: 平城区
                      activity_unit: 万 m3
                      energy_tce: 12.1
                      NOx.ef: 1.76
                      CO2.ef: 21620
                  - id: deep
                    kind: retrofit
                    select: {ids: [p1]}
                    additional: {NOx: 0.5, PM2.5: 1}
                    coverage: 0.8
                  - id: project
                    kind: reduction
                    select: {sector: power}
                    amount: {SO2: "1.2 万t", NOx: 500 kg, CO2: "2 Mt", VOCs: 3}
                  - id: ceiling
                    kind: cap
                    select: {sector: residential}
                    limit: {SO2: 3 万吨, NH3-N: "0.5 kt"}
                  - id: new-plant
                    kind: add
                    source: {id: pv1, sector: power/solar, activity: 50, energy_tce: 0, fossil: false,
                             SO2: "2 t", SO2.eff: 0.5, CO2.ef: 0}
                """)
        #expect(result.diagnostics.isEmpty, "\(result.errorMessages)")
        let scenario = try #require(result.scenario)
        #expect(scenario.id == "all-kinds")
        #expect(scenario.economics.discountRate == 0.08)
        let m = scenario.measures
        #expect(m.map(\.kind.name) == ["scale", "substitute", "retrofit", "reduction", "cap", "add"])

        guard case let .scale(factor) = m[0].kind else { return }
        #expect(factor == 0)
        #expect(m[0].select == Selector(sectors: ["industry/cement", "industry/coke"], counties: ["平城区", "云冈区"]))
        #expect(m[0].start == 2022 && m[0].full == 2025)
        #expect(m[0].category == "产业结构调整")
        #expect(m[0].note == "淘汰落后产能")
        #expect(m[0].isCandidate)
        #expect(m[0].cost == Cost(capital: 3.53e8, operation: 2e6, lifetime: 15))

        guard case let .substitute(.inline(row), quantity, ratio) = m[1].kind else {
            Issue.record("expected an inline substitution target")
            return
        }
        #expect(quantity == .amount(400))
        #expect(ratio == 1)
        #expect(row.id == "gas-heating" && row.name == "燃气采暖" && row.county == "平城区")
        #expect(row.sector == "residential/heating/gas")
        #expect(row.activity == 0)  // created with zero activity
        #expect(row.activityUnit == "万 m3")
        #expect(row.energyPerActivity == 12.1 && row.isFossil == true)  // fossil defaults to true
        #expect(approximatelyEqual(row.pollutants[.nox]!.intensity, 0.00176))  // kg → t per activity unit
        #expect(approximatelyEqual(row.pollutants[.co2]!.intensity, 21.62))
        #expect(row.pollutants[.co2]?.efficiency == 0)
        #expect(row.pollutants[.so2] == nil)

        guard case let .retrofit(efficiency, additional, coverage) = m[2].kind else { return }
        #expect(efficiency.isEmpty)
        #expect(additional == [.nox: 0.5, .pm25: 1])
        #expect(coverage == 0.8)

        guard case let .reduction(amount) = m[3].kind else { return }
        #expect(amount == [.so2: 12_000, .nox: 0.5, .co2: 2e6, .vocs: 3])

        guard case let .cap(limit) = m[4].kind else { return }
        #expect(limit == [.so2: 30_000, .nh3n: 500])

        guard case let .add(source) = m[5].kind else { return }
        #expect(m[5].select == nil)
        #expect(source.activity == 50)
        #expect(source.isFossil == false && source.energyPerActivity == 0)
        // k = E0 / (A0 · (1 − η0)) = 2 / (50 · 0.5)
        #expect(approximatelyEqual(source.pollutants[.so2]!.intensity, 0.08))
        #expect(source.pollutants[.so2]!.efficiency == 0.5)
        #expect(source.pollutants[.co2]!.intensity == 0 && source.pollutants[.co2]!.efficiency == 0)
    }

    @Test func driversByIndexAndMacro() throws {
        let space = try Workspace()
        let result = try space.load(
            text: header + """
                drivers:
                  - select: {sector: transport}
                    index: {2030: 1.30, 2020: 1.0, 2025: 1.18}
                    title: 机动车保有量
                    note: 交通规划
                  - macro: gdp
                    rate: 0.055
                """)
        #expect(result.diagnostics.isEmpty, "\(result.errorMessages)")
        let drivers = try #require(result.scenario).drivers
        #expect(
            drivers[0].growth
                == .index([
                    .init(year: 2020, value: 1.0), .init(year: 2025, value: 1.18),
                    .init(year: 2030, value: 1.30),
                ]))  // sorted by year
        #expect(drivers[0].title == "机动车保有量")
        #expect(drivers[1].subject == .macro("gdp"))
        #expect(drivers[1].growth == .rate(0.055))
    }

    @Test func everyTargetKind() throws {
        let space = try Workspace()
        let result = try space.load(
            text: header + """
                targets:
                  - {id: vocs-2025, pollutant: VOCs, year: 2025, reduction: 0.16}
                  - {id: nox-cap, pollutant: NOx, year: 2025, cap: "2.349 万t", note: 十四五规划}
                  - {id: nox-proj, pollutant: NOx, year: 2025, project_reduction: 7121}
                  - {id: co2-int, pollutant: CO2, year: 2030, intensity: {per: gdp, reduction: 0.18}}
                  - {id: energy-int, metric: energy, year: 2025, intensity: {per: gdp, reduction: 0.145}}
                  - {id: energy-cap, metric: energy, year: 2025, cap: 1.5e7, title: 能耗总量}
                  - {id: county, pollutant: SO2, year: 2030, reduction: -0.05, select: {county: 平城区}}
                """)
        #expect(result.diagnostics.isEmpty, "\(result.errorMessages)")
        let targets = try #require(result.scenario).targets
        #expect(
            targets.map(\.id) == ["vocs-2025", "nox-cap", "nox-proj", "co2-int", "energy-int", "energy-cap", "county"])
        #expect(
            targets[0].metric == .pollutant(.vocs) && targets[0].kind == .reduction(0.16) && targets[0].year == 2025)
        guard case let .cap(cap) = targets[1].kind else { return }
        #expect(approximatelyEqual(cap, 23_490))  // 2.349 万t
        #expect(targets[1].note == "十四五规划")
        #expect(targets[2].kind == .projectReduction(7121))
        #expect(targets[3].kind == .intensity(per: "gdp", reduction: 0.18))
        #expect(targets[4].metric == .energy)
        #expect(targets[5].kind == .cap(1.5e7))  // tce
        #expect(targets[5].title == "能耗总量")
        #expect(targets[6].select == Selector(counties: ["平城区"]))
        #expect(targets[6].kind == .reduction(-0.05))
    }

    @Test func moneyUnits() {
        #expect(MoneyUnit.parse("3.53 亿元") == .value(3.53e8))
        #expect(MoneyUnit.parse("3.53亿元") == .value(3.53e8))
        #expect(MoneyUnit.parse("120 万元") == .value(1.2e6))
        #expect(MoneyUnit.parse("5000 元") == .value(5000))
        #expect(MoneyUnit.parse("5000") == .value(5000))
        #expect(MoneyUnit.parse("3 dollars") == .unknownUnit("dollars"))
        #expect(MoneyUnit.parse("亿元") == .invalidNumber)
    }

    @Test func massUnitsInReductionAndCap() throws {
        let space = try Workspace()
        let result = try space.load(
            text: header + """
                measures:
                  - {id: r, kind: reduction, select: {sector: power}, amount: {SO2: 1.5 kt, NOx: 2, CO2: 0.1 Mt, PM: 800 kg}}
                  - {id: c, kind: cap, select: {sector: power}, limit: {SO2: "0.7 万t", NOx: 0.2 万吨, CO2: 40 t}}
                """)
        let measures = try #require(result.scenario).measures
        guard case let .reduction(amount) = measures[0].kind, case let .cap(limit) = measures[1].kind else {
            Issue.record("wrong kinds")
            return
        }
        #expect(amount == [.so2: 1500, .nox: 2, .co2: 100_000, .pm: 0.8])
        #expect(limit == [.so2: 7000, .nox: 2000, .co2: 40])
    }

    @Test func inventoryMayBeTheYAMLFileAndPathsAreRelativeToTheScenario() throws {
        let space = try Workspace(inventory: false)
        try space.folder.writeInventory("Inventories/test", sources: Fixtures.workedExampleSources)
        let result = try space.load(
            "Scenarios/base.yaml",
            text: """
                inventory: ../Inventories/test/inventory.yaml
                years: [2020, 2025]
                """)
        #expect(result.diagnostics.isEmpty, "\(result.errorMessages)")
        #expect(result.scenario?.inventoryPath == space.path("Scenarios/../Inventories/test/inventory.yaml"))
    }

    @Test func relativePathsStayAsTheUserWroteThem() {
        #expect(joinPath("Scenarios", "baseline.yaml") == "Scenarios/baseline.yaml")
        #expect(joinPath("", "baseline.yaml") == "baseline.yaml")
        #expect(joinPath("Scenarios/", "/abs/x.yaml") == "/abs/x.yaml")
        #expect(folderOf("Scenarios/plan.yaml") == "Scenarios")
        #expect(folderOf("plan.yaml") == "")
        #expect(folderOf("/plan.yaml") == "/")
    }

    @Test func warningsDoNotStopLoading() throws {
        let space = try Workspace()
        let result = try space.load(
            text: header + """
                measures:
                  - id: a
                    kind: add
                    source: {id: x, sector: power/new, activity: 1, fossil: false, NOx.eff: 0.5}
                """)
        #expect(result.scenario != nil)
        #expect(result.diagnostics.warningCount == 2)
        #expect(result.diagnostics.items.map { $0.location?.line } == [6, 6])
    }
}
