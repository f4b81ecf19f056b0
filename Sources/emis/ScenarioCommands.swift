import ArgumentParser
import Foundation
import Diagnostics
import EmissionInventory
import FileFormats
import ScenarioEngine

/// `--by` of `emis project`: the inventory groupings plus `measure`.
struct ProjectionGrouping: ExpressibleByArgument {
    let grouping: Grouping?
    let byMeasure: Bool

    init?(argument: String) {
        if argument == "measure" {
            grouping = nil
            byMeasure = true
        } else if let grouping = Grouping(argument: argument) {
            self.grouping = grouping
            byMeasure = false
        } else {
            return nil
        }
    }
}

struct ProjectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "逐年预测情景排放并分解各措施减排量 / Project a scenario year by year, with each measure's reductions.",
        discussion: """
        JSON follows MODEL.md §8; CSV is one row per series (baseline, scenario, each \
        measure, each group); iamc is the IAMC table (model,scenario,region,variable,unit,years).
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json, iamc
    }

    @Argument(help: "A scenario file.")
    var scenario: String

    @Option(name: .long, help: "Break down by sector, sector:N, county, measure or source.")
    var by: ProjectionGrouping?

    @Option(name: .long, help: "Years to show, e.g. 2020-2025 (default: all).")
    var years: YearRange?

    @Option(name: .long, help: "Output format: table, csv, json or iamc.")
    var format: Format = .table

    @Option(name: .long, help: "Levels of candidate measures: the JSON that emis optimize writes (default: candidates left out).")
    var levels: String?

    @Flag(name: .long, help: "Print the time spent loading and projecting to standard error (for benchmarks).")
    var timings = false

    @OptionGroup var common: CommonOptions

    func run() throws {
        let clock = ContinuousClock()
        let start = clock.now
        guard let loaded = try ScenarioPipeline.load([scenario], common).first else { throw ExitCode(1) }
        let loadedAt = clock.now
        let chosen = try levels.map { try ScenarioPipeline.levels($0, for: loaded.scenario, common) } ?? [:]
        let result = loaded.engine.project(levels: chosen, grouping: by?.grouping, threads: common.threadCount)
        if timings {
            let seconds = { (d: Duration) in Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }
            Terminal.writeError(String(format: "timings: load and prepare %.3f s, projection %.3f s (%d threads)\n",
                                       seconds(loadedAt - start), seconds(clock.now - loadedAt), common.threadCount))
        }
        let range = try years?.checked(against: result.years, language: common.lang)
        switch format {
        case .json:
            Terminal.write(ProjectionExport.json(result, years: range, language: common.lang).serialized())
        case .csv:
            Terminal.write(ProjectionExport.csv(result, years: range))
        case .iamc:
            let region = loaded.inventory.manifest.region ?? loaded.inventory.manifest.name
            Terminal.write(ProjectionExport.iamc([result], region: region, years: range))
        case .table:
            Terminal.write(ProjectionTable(result: result, language: common.lang)
                .render(years: range, byMeasure: by?.byMeasure ?? false))
        }
    }
}

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "多情景对比 / Compare scenarios: totals, reductions against the base year, targets.",
        discussion: "--year defaults to the year of the first target, or the last year."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, iamc
    }

    @Argument(help: "Scenario files.")
    var scenarios: [String]

    @Option(name: .long, help: "The year to compare.")
    var year: Int?

    @Option(name: .long, help: "Output format: table or iamc (all scenarios in one IAMC table).")
    var format: Format = .table

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if scenarios.isEmpty { throw ValidationError("give at least one scenario file") }
    }

    func run() throws {
        let loaded = try ScenarioPipeline.load(scenarios, common)
        let results = loaded.map { $0.engine.project(threads: common.threadCount) }
        switch format {
        case .iamc:
            let region = loaded.first.map { $0.inventory.manifest.region ?? $0.inventory.manifest.name } ?? ""
            Terminal.write(ProjectionExport.iamc(results, region: region))
        case .table:
            let chosen = year ?? results.first?.targets.first?.year ?? results.first?.years.last ?? 0
            if let first = results.first, !first.years.contains(chosen) {
                Terminal.writeError(common.lang == .zh
                    ? "emis: --year \(chosen) 不在情景年份范围内\n"
                    : "emis: --year \(chosen) is not within the scenarios' years\n")
                throw ExitCode(1)
            }
            Terminal.write(CompareTable(results: results, year: chosen, language: common.lang).render())
        }
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "检查情景是否达到全部目标 / Check that scenarios meet every target.",
        discussion: """
        Prints one line per target. Exit status: 0 every target met, 3 a target missed, \
        1 invalid input. Run it in a planning repository's CI to keep a scenario honest.
        """
    )

    @Argument(help: "Scenario files.")
    var scenarios: [String]

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if scenarios.isEmpty { throw ValidationError("give at least one scenario file") }
    }

    func run() throws {
        let loaded = try ScenarioPipeline.load(scenarios, common)
        let results = loaded.map { $0.engine.project(threads: common.threadCount) }
        let report = CheckReport(results: results, language: common.lang)
        Terminal.write(report.render())
        if !report.allMet { throw ExitCode(3) }
    }
}
