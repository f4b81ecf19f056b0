import Analysis
import ArgumentParser
import Diagnostics
import EmissionInventory
import FileFormats
import Presentation
import ScenarioEngine
import Scenarios

struct OptimizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimize",
        abstract: "求达标最低成本措施组合 / Find the least-cost levels of candidate measures that meet the targets.",
        discussion: """
            Candidates are measures with `candidate: true` and a `cost`. Minimises the annualised \
            cost (元/a) of meeting every target of --year (default: the earliest target year); \
            with --maximize P --budget B, finds the largest cut of P in --year at an annualised \
            cost of at most B instead. The JSON output can be given to `emis project --levels`. \
            Exit status: 0 optimal, 3 infeasible or not converged, 1 invalid input.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @Argument(help: "A scenario file with candidate measures.")
    var scenario: String

    @Option(name: .long, help: "The target year.")
    var year: Int?

    @Option(name: .long, help: "Maximise the reduction of this pollutant instead (needs --budget).")
    var maximize: String?

    @Option(name: .long, help: "Budget for --maximize: annualised cost, e.g. '2 亿元' (default unit 元).")
    var budget: String?

    @Option(name: .long, help: "Output format: table or json.")
    var format: Format = .table

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if let maximize, Pollutant(id: maximize) == nil {
            throw ValidationError(
                "--maximize must be a pollutant id (SO2, NOx, VOCs, PM, PM10, PM2.5, CO, NH3, COD, NH3-N, CO2); got '\(maximize)'"
            )
        }
        if (maximize == nil) != (budget == nil) { throw ValidationError("--maximize and --budget go together") }
        if let budget, Self.yuan(budget) == nil {
            throw ValidationError("--budget must be an amount of money such as '2 亿元' or 200000000 (元, 万元, 亿元)")
        }
    }

    func run() throws {
        guard let loaded = try ScenarioPipeline.load([scenario], common).first else { throw ExitCode(1) }
        let optimizer = LeastCostOptimizer(engine: loaded.engine)
        let result: OptimizationResult
        do {
            if let maximize, let pollutant = Pollutant(id: maximize), let amount = budget.flatMap(Self.yuan) {
                let year = self.year ?? AnalysisYear.of([loaded.scenario]) ?? loaded.scenario.years.upperBound
                result = try optimizer.maximizeReduction(
                    of: pollutant, budget: amount, year: year, threads: common.threadCount)
            } else {
                result = try optimizer.minimizeCost(
                    year: year ?? AnalysisYear.of([loaded.scenario]), threads: common.threadCount)
            }
        } catch {
            Terminal.writeError("emis: \(loaded.path): \(error.message(common.lang))\n")
            throw ExitCode(1)
        }
        switch format {
        case .json: Terminal.write(OptimizationExport.json(result, budget: budget.flatMap(Self.yuan)).serialized())
        case .table: Terminal.write(OptimizationTable(result: result, language: common.lang).render())
        }
        if result.status != .optimal { throw ExitCode(3) }
    }

    /// An amount of money in 元 ("2 亿元", "5000 万元", "200000000").
    static func yuan(_ text: String) -> Double? {
        if case let .value(value) = MoneyUnit.parse(text), value >= 0 { return value }
        return nil
    }
}

struct MACCCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "macc",
        abstract: "边际减排成本曲线 / Marginal abatement cost curve of the candidate measures.",
        discussion: "Candidates sorted by annualised cost per tonne cut at full level, with the cumulative cut."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json
    }

    @Argument(help: "A scenario file with candidate measures.")
    var scenario: String

    @Option(name: .long, help: "The pollutant.")
    var pollutant: String

    @Option(name: .long, help: "The year (default: the earliest target year).")
    var year: Int?

    @Option(name: .long, help: "Output format: table, csv or json.")
    var format: Format = .table

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if Pollutant(id: pollutant) == nil {
            throw ValidationError(
                "--pollutant must be a pollutant id (SO2, NOx, VOCs, PM, PM10, PM2.5, CO, NH3, COD, NH3-N, CO2); got '\(pollutant)'"
            )
        }
    }

    func run() throws {
        guard let loaded = try ScenarioPipeline.load([scenario], common).first,
            let pollutant = Pollutant(id: pollutant)
        else { throw ExitCode(1) }
        let year = self.year ?? AnalysisYear.of([loaded.scenario]) ?? loaded.scenario.years.upperBound
        let curve: AbatementCostCurve
        do {
            curve = try AbatementCostCurve(
                optimizer: LeastCostOptimizer(engine: loaded.engine), pollutant: pollutant,
                year: year, threads: common.threadCount)
        } catch {
            Terminal.writeError("emis: \(loaded.path): \(error.message(common.lang))\n")
            throw ExitCode(1)
        }
        switch format {
        case .json: Terminal.write(OptimizationExport.json(curve).serialized())
        case .csv: Terminal.write(OptimizationExport.csv(curve))
        case .table: Terminal.write(OptimizationTable.render(curve, language: common.lang))
        }
    }
}
