import Analysis
import ArgumentParser
import Diagnostics
import EmissionInventory
import FileFormats
import Foundation
import Presentation
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
            JSON is described in Docs/reference/output.md (`emis reference output`); CSV is one \
            row per series (baseline, scenario, each measure, each group); iamc is the IAMC table \
            (model,scenario,region,variable,unit,years). \(levelsRule)
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

    @Option(name: .long, help: ArgumentHelp(levelsHelp))
    var levels: [String] = []

    @Flag(name: .long, help: "Print the time spent loading and projecting to standard error (for benchmarks).")
    var timings = false

    @OptionGroup var common: CommonOptions

    func run() throws {
        let clock = ContinuousClock()
        // A breakdown by source as CSV is streamed (its size grows with the inventory), from
        // a projection without the breakdown.
        var streamsSources = false
        if case .source? = by?.grouping, format == .csv { streamsSources = true }
        let grouping = streamsSources ? nil : by?.grouping
        let set = try ScenarioPipeline.loadSet([scenario], common, grouping: grouping)
        let prepared = set.scenarios
        guard !prepared.isEmpty else { throw ExitCode(1) }
        let loadedAt = clock.now
        guard
            let analysed = try ScenarioPipeline.analyse(prepared, levels: levels, grouping: grouping, common).first
        else { throw ExitCode(1) }
        let result = analysed.result
        if timings {
            // The projection with every candidate in full is made while reading (to check
            // magnitudes) and reused when it is the one asked for.
            let t = set.timings
            Terminal.writeError(
                String(
                    format:
                        "timings: inventory %.3f s, prepare %.3f s, projection %.3f s, analysis after reading %.3f s (%d threads)\n",
                    t.inventory, t.prepare, t.projection, (clock.now - loadedAt).seconds, common.threadCount))
        }
        let range = try years?.checked(against: result.years, language: common.lang)
        switch format {
        case .json:
            Terminal.write(analysed.json(years: range, language: common.lang).serialized())
        case .csv where streamsSources:
            do {
                try ProjectionExport.csvBySource(
                    result, engine: analysed.prepared.engine, levels: analysed.levels, years: range,
                    threads: common.threadCount, write: Terminal.write)
            } catch let error as SourceStreamError {
                Terminal.writeError("emis: \(error.message(common.lang))\n")
                throw ExitCode(1)
            }
            Terminal.noteCandidates([analysed], language: common.lang)
        case .csv:
            Terminal.write(ProjectionExport.csv(result, years: range))
            Terminal.noteCandidates([analysed], language: common.lang)
        case .iamc:
            let region = analysed.inventory.manifest.region ?? analysed.inventory.manifest.name
            Terminal.write(ProjectionExport.iamc([result], region: region, years: range))
            Terminal.noteCandidates([analysed], language: common.lang)
        case .table:
            Terminal.write(
                ProjectionTable(analysed, language: common.lang)
                    .render(years: range, byMeasure: by?.byMeasure ?? false))
        }
    }
}

/// `--levels`, the same on every command that projects.
let levelsHelp =
    "Levels of candidate measures: the JSON that emis optimize --format json writes (repeatable, one per scenario)."
let levelsRule = """
    A scenario with candidate measures (candidate: true) and no --levels is projected at the \
    least-cost levels emis optimize finds for its earliest target year; if none can be found, \
    its candidates are left out. The output says which.
    """

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "多情景对比 / Compare scenarios: totals, reductions against the base year, targets.",
        discussion:
            "--year defaults to the earliest target year of the scenarios, or the first scenario's last year. \(levelsRule)"
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

    @Option(name: .long, help: ArgumentHelp(levelsHelp))
    var levels: [String] = []

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if scenarios.isEmpty { throw ValidationError("give at least one scenario file") }
    }

    func run() throws {
        let analysed = try ScenarioPipeline.analyse(scenarios, levels: levels, common)
        let results = analysed.map(\.result)
        switch format {
        case .iamc:
            let region = analysed.first.map { $0.inventory.manifest.region ?? $0.inventory.manifest.name } ?? ""
            Terminal.write(ProjectionExport.iamc(results, region: region))
            Terminal.noteCandidates(analysed, language: common.lang)
        case .table:
            let chosen = year ?? AnalysisYear.of(analysed.map(\.scenario)) ?? 0
            if let first = results.first, !first.years.contains(chosen) {
                Terminal.writeError(
                    common.lang == .zh
                        ? "emis: --year \(chosen) 不在情景年份范围内\n"
                        : "emis: --year \(chosen) is not within the scenarios' years\n")
                throw ExitCode(1)
            }
            Terminal.write(CompareTable(analysed, year: chosen, language: common.lang).render())
        }
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "检查情景是否达到全部目标 / Check that scenarios meet every target.",
        discussion: """
            Prints one line per target. Exit status: 0 every target met, 3 a target missed, \
            1 invalid input. Run it in a planning repository's CI to keep a scenario honest. \(levelsRule)
            """
    )

    @Argument(help: "Scenario files.")
    var scenarios: [String]

    @Option(name: .long, help: ArgumentHelp(levelsHelp))
    var levels: [String] = []

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if scenarios.isEmpty { throw ValidationError("give at least one scenario file") }
    }

    func run() throws {
        let analysed = try ScenarioPipeline.analyse(scenarios, levels: levels, common)
        let report = CheckReport(analysed, language: common.lang)
        Terminal.write(report.render())
        if !report.allMet { throw ExitCode(3) }
    }
}
