import Analysis
import ArgumentParser
import Diagnostics
import EmissionInventory
import ScenarioEngine
import Scenarios

/// The analysis layer, driven from the command line: prints every finding of every file
/// together and exits with status 1 if there is any error.
enum ScenarioPipeline {
    /// Reads the scenarios (each inventory once) and prepares their engines.
    /// `grouping`: the breakdown the command's projections will have (so that the projection
    /// made while reading can serve as one of them).
    static func load(_ paths: [String], _ options: CommonOptions, grouping: Grouping? = nil) throws
        -> [PreparedScenario]
    {
        try loadSet(paths, options, grouping: grouping).scenarios
    }

    /// `load`, with the time each stage took.
    static func loadSet(_ paths: [String], _ options: CommonOptions, grouping: Grouping? = nil) throws -> ScenarioSet {
        let set = ScenarioSet.load(
            paths, loader: options.loader, strict: options.strict, threads: options.threadCount, grouping: grouping)
        try Terminal.report(set.diagnostics, language: options.lang)
        return set
    }

    /// Reads the scenarios and the levels files, and analyses each scenario (candidate levels
    /// by the rule of `CandidateChoice`). Exits with status 1 unless every scenario was read.
    static func analyse(
        _ paths: [String], levels: [String], grouping: Grouping? = nil, costCurves: Bool = false,
        _ options: CommonOptions, progress: (LocalizedText) -> Void = { _ in }
    ) throws
        -> [AnalysedScenario]
    {
        let prepared = try load(paths, options, grouping: grouping)
        guard prepared.count == paths.count else { throw ExitCode(1) }
        return try analyse(
            prepared, levels: levels, grouping: grouping, costCurves: costCurves, options,
            progress: progress)
    }

    static func analyse(
        _ prepared: [PreparedScenario], levels: [String], grouping: Grouping? = nil,
        costCurves: Bool = false, _ options: CommonOptions,
        progress: (LocalizedText) -> Void = { _ in }
    ) throws -> [AnalysedScenario] {
        let assigned = ScenarioAnalysis.levels(levels, for: prepared)
        try Terminal.report(assigned.diagnostics, language: options.lang)
        let analysis = ScenarioAnalysis(grouping: grouping, threads: options.threadCount, costCurves: costCurves)
        return analysis.run(prepared, levels: assigned.levels, progress: progress)
    }
}

/// `--years 2020-2025` (or a single year).
struct YearRange: ExpressibleByArgument {
    let range: ClosedRange<Int>

    init?(argument: String) {
        let parts = argument.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first.flatMap({ Int($0) }) else { return nil }
        let last = parts.count == 2 ? Int(parts[1]) : (parts.count == 1 ? first : nil)
        guard let last, first <= last else { return nil }
        range = first...last
    }

    /// Throws exit status 1 (with a message) when the range is not within the scenario's years.
    func checked(against years: [Int], language: Language) throws -> ClosedRange<Int> {
        guard let first = years.first, let last = years.last, range.lowerBound >= first, range.upperBound <= last else {
            let available = "\(years.first ?? 0)-\(years.last ?? 0)"
            Terminal.writeError(
                language == .zh
                    ? "emis: --years \(range.lowerBound)-\(range.upperBound) 超出情景年份范围 \(available)\n"
                    : "emis: --years \(range.lowerBound)-\(range.upperBound) is outside the scenario's years \(available)\n"
            )
            throw ExitCode(1)
        }
        return range
    }
}
