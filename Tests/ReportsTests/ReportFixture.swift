import Diagnostics
import EmisTestSupport
import EmissionInventory
import Foundation
import ScenarioEngine
import Scenarios

@testable import Reports

/// A small county written by hand: a coal power plant with a PV substitute, an industrial
/// boiler, a paint shop, household coal heating with heat pumps, sewage. Three scenarios:
/// `baseline` (growth only: CO2 never peaks), `plan` (measures with costs and carbon-peak
/// categories: CO2 falls to 2025 and rises again), `enhanced` (more PV after 2025: CO2
/// peaks). Targets for 2025 of every kind.
final class ReportFixture: @unchecked Sendable {
    let folder: TemporaryFolder

    static let sources = """
        id,name,sector,activity,activity_unit,energy_tce,fossil,SO2.ef,SO2.eff,NOx.ef,NOx.eff,VOCs,VOCs.ef,CO2.ef,COD,NH3
        pp1,燃煤电厂,power/coal,1000,GWh,300,true,2000,0.9,1500,0.5,,,850000,,0
        pv,光伏电站,power/solar,0,GWh,300,false,,,,,,,,,
        boiler,燃煤锅炉,industry/boiler,50000,t coal,0.714,true,16,0.5,4,,,,1980,,0
        paint,涂装企业,industry/coating,1,plant,,,,,,,500,,,,
        homes,农村散煤取暖,residential/heating,20000,t coal,0.714,true,15,,3,,,5,1980,,
        heatpump,空气源热泵,residential/electric,0,MWh,0.1229,true,,,,,,,800,,
        sewage,城镇生活污水,wastewater/domestic,1,plant,,,,,,,,,,3000,

        """

    static let manifest = """
        name: county-2020
        title: 示例县2020年排放清单（测试数据）
        region: 示例县
        base_year: 2020
        sources: sources.csv
        emission_unit: t
        macro:
          gdp: {value: 100, unit: 亿元}
        sector_names:
          power: {zh: 电力, en: Power}
          industry: {zh: 工业, en: Industry}
          residential: {zh: 居民生活, en: Residential}
          wastewater: 污水处理
        provenance:
          - "测试数据：为报告测试手工编写的小型清单"
          - "排放因子为假设值"

        """

    static let baseline = """
        scenario: baseline
        title: 基准情景：按趋势增长
        inventory: inv
        years: [2020, 2030]
        economics: {discount_rate: 0.05}
        drivers:
          - macro: gdp
            rate: 0.06
          - select: {sector: power}
            rate: 0.03
          - select: {sector: industry}
            rate: 0.02
        targets:
          - {id: so2-2025, title: 二氧化硫削减30%, pollutant: SO2, year: 2025, reduction: 0.30}
          - {id: vocs-2025, title: VOCs削减20%, pollutant: VOCs, year: 2025, reduction: 0.20}
          - {id: nox-cap, title: 氮氧化物总量上限, pollutant: NOx, year: 2025, cap: 900}
          - {id: cod-projects, title: COD重点工程减排量, pollutant: COD, year: 2025, project_reduction: 500}
          - {id: co2-intensity, title: 单位GDP二氧化碳排放下降18%, pollutant: CO2, year: 2025, intensity: {per: gdp, reduction: 0.18}}

        """

    static let plan = """
        scenario: plan
        title: 规划情景：落实规划措施
        extends: baseline.yaml
        measures:
          - id: fgd
            title: 电厂脱硫提效
            kind: retrofit
            select: {ids: [pp1]}
            efficiency: {SO2: 0.97}
            start: 2021
            full: 2022
            category: 污染治理
            cost: {capital: "2 亿元", om: "1000 万元", lifetime: 15}
          - id: pv
            title: 光伏替代煤电
            kind: substitute
            select: {sector: power/coal}
            to: pv
            share: 0.3
            start: 2021
            full: 2025
            category: 能源绿色低碳转型行动
            cost: {capital: "20 亿元", om: "2000 万元", lifetime: 25}
          - id: heat
            title: 农村清洁取暖煤改电
            kind: substitute
            select: {sector: residential/heating}
            to: heatpump
            share: 0.6
            ratio: 2.5
            start: 2021
            full: 2023
            category: 城乡建设碳达峰行动
            cost: {capital: "3 亿元", om: "0 元", lifetime: 15}
          - id: paint
            title: 涂装VOCs治理
            kind: retrofit
            select: {ids: [paint]}
            additional: {VOCs: 0.3}
            start: 2022
            full: 2022
            category: 污染治理
            cost: {capital: "500 万元", om: "50 万元", lifetime: 10}
          - id: sewage
            title: 污水处理厂扩建
            kind: reduction
            select: {sector: wastewater}
            amount: {COD: 600}
            start: 2022
            full: 2024
            category: 污染治理

        """

    static let enhanced = """
        scenario: enhanced
        title: 强化情景：2025年后继续发展光伏
        extends: plan.yaml
        measures:
          - id: pv-more
            title: 2026–2030年继续新增光伏
            kind: substitute
            select: {sector: power/coal}
            to: pv
            share: 0.5
            start: 2026
            full: 2030
            category: 能源绿色低碳转型行动

        """

    init() throws {
        folder = try TemporaryFolder()
        try folder.writeInventory("inv", sources: Self.sources, manifest: Self.manifest)
        try folder.write("baseline.yaml", Self.baseline)
        try folder.write("plan.yaml", Self.plan)
        try folder.write("enhanced.yaml", Self.enhanced)
    }

    func path(_ name: String) -> String { folder.url.appendingPathComponent(name).path }

    /// Loads and prepares scenario files of the folder (their names); fails on any error.
    func inputs(_ names: [String]) throws -> [ReportRequest.Input] {
        var inventories: [String: Inventory] = [:]
        return try names.map { name in
            let file = path(name)
            let loaded = ScenarioLoader().load(file)
            guard let scenario = loaded.scenario else { throw FixtureError.invalid(render(loaded.diagnostics)) }
            if inventories[scenario.inventoryPath] == nil {
                let result = InventoryLoader().load(scenario.inventoryPath)
                guard let inventory = result.inventory else { throw FixtureError.invalid(render(result.diagnostics)) }
                inventories[scenario.inventoryPath] = inventory
            }
            var diagnostics = DiagnosticList()
            guard
                let engine = ProjectionEngine(
                    scenario: scenario, inventory: inventories[scenario.inventoryPath]!,
                    diagnostics: &diagnostics)
            else { throw FixtureError.invalid(render(diagnostics)) }
            return ReportRequest.Input(path: file, engine: engine)
        }
    }

    func request(_ names: [String], language: Language = .zh, year: Int? = nil) throws -> ReportRequest {
        ReportRequest(
            scenarios: try inputs(names), language: language, year: year, date: "2024-06-30",
            emisVersion: "test", workingFolder: folder.path)
    }

    func report(_ names: [String], language: Language = .zh, year: Int? = nil) throws -> Report {
        try Report.make(request(names, language: language, year: year))
    }

    private func render(_ diagnostics: DiagnosticList) -> String {
        DiagnosticRenderer(language: .en).render(diagnostics)
    }

    enum FixtureError: Error { case invalid(String) }
}

extension Report {
    /// The text of one file of the report (UTF-8), or "" when it is not there.
    func text(_ path: String) -> String {
        files.first { $0.path == path }.map { String(decoding: $0.data, as: UTF8.self) } ?? ""
    }

    func has(_ path: String) -> Bool { files.contains { $0.path == path } }
}
