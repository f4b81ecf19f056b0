import Analysis
import ArgumentParser
import Diagnostics
import FileFormats
import Foundation
import Glibc
import Presentation
import ScenarioEngine

struct UncertaintyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uncertainty",
        abstract: "蒙特卡罗不确定性分析：各目标的达标概率与峰值年份分布 / Monte Carlo: how likely each target is met.",
        discussion: """
            Draws the uncertain factors (uncertainty: in inventory.yaml and the scenario, \
            Docs/reference/uncertainty.md) --draws times and projects each draw exactly. The same \
            --seed gives the same output whatever --threads. Memory does not grow with --draws \
            (at most \(UncertaintyAnalysis.maximumDraws)); quantiles are P² estimates, the \
            sensitivity ranking uses the first \(UncertaintyAnalysis.sensitivityDraws) draws. \
            \(levelsRule)
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, csv
    }

    @Argument(help: "Scenario files.")
    var scenarios: [String]

    @Option(name: .long, help: "Number of draws (1 to 10,000,000).")
    var draws: Int = 1000

    @Option(name: .long, help: "Seed of the random numbers (0 to 2^53 − 1).")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Output format: table, json (one object, or an array for several scenarios) or csv.")
    var format: Format = .table

    @Option(name: .long, help: ArgumentHelp(levelsHelp))
    var levels: [String] = []

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if scenarios.isEmpty { throw ValidationError("give at least one scenario file") }
        try DrawArguments.validate(draws: draws, seed: seed)
    }

    func run() throws {
        let analysed = try ScenarioPipeline.analyse(scenarios, levels: levels, common)
        var results: [UncertaintyResult] = []
        let bar = DrawProgress(total: draws * analysed.count, language: common.lang)
        for scenario in analysed {
            guard let model = scenario.prepared.factors else {
                Terminal.writeError(
                    common.lang == .zh
                        ? "emis: 情景 '\(scenario.scenario.id)' 及其清单没有不确定性因子（uncertainty:），无法进行不确定性分析\n"
                        : "emis: scenario '\(scenario.scenario.id)' and its inventory have no uncertain factors (uncertainty:)\n"
                )
                throw ExitCode(1)
            }
            let before = results.count * draws
            do {
                results.append(
                    try UncertaintyAnalysis.run(
                        engine: scenario.prepared.engine, model: model, levels: scenario.levels,
                        deterministic: scenario.result, draws: draws, seed: seed, threads: common.threadCount,
                        progress: { bar.show(before + $0) }))
            } catch {
                bar.clear()
                Terminal.writeError("emis: \(scenario.scenario.id): \(error.message(common.lang))\n")
                throw ExitCode(1)
            }
        }
        bar.clear()
        switch format {
        case .json:
            let objects = results.map(UncertaintyExport.json)
            Terminal.write((objects.count == 1 ? objects[0] : .array(objects)).serialized())
        case .csv:
            Terminal.write(UncertaintyExport.csv(results))
        case .table:
            Terminal.write(UncertaintyTable(results, language: common.lang).render())
        }
        Terminal.noteCandidates(analysed, language: common.lang)
    }
}

/// The checks `--draws` and `--seed` share in `emis uncertainty` and `emis report`.
enum DrawArguments {
    static func validate(draws: Int?, seed: UInt64) throws {
        if let draws, !(1...UncertaintyAnalysis.maximumDraws).contains(draws) {
            throw ValidationError("--draws must be between 1 and \(UncertaintyAnalysis.maximumDraws)")
        }
        // Seeds are written to JSON as numbers: beyond 2^53 they would not read back exactly.
        if seed > (1 << 53) - 1 { throw ValidationError("--seed must be between 0 and 2^53 − 1") }
    }
}

/// A progress bar on standard error while draws are computed, only on a terminal and only
/// for runs long enough to need one (shown from the second batch on).
final class DrawProgress {
    let total: Int
    let language: Language
    let enabled: Bool
    private var shown = false
    private var calls = 0

    init(total: Int, language: Language) {
        self.total = total
        self.language = language
        enabled = isatty(STDERR_FILENO) == 1
    }

    func show(_ done: Int) {
        calls += 1
        guard enabled, calls > 1 || shown else { return }
        let width = 30
        let filled = total > 0 ? min(width, done * width / total) : width
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let label = language == .zh ? "抽样" : "draws"
        Terminal.writeError("\r\u{1B}[K\(bar) \(done)/\(total) \(label)")
        shown = true
    }

    func clear() {
        guard enabled, shown else { return }
        Terminal.writeError("\r\u{1B}[K")
        shown = false
    }
}
