import Diagnostics
import Dispatch
import EmissionInventory
import Foundation
import Scenarios

/// What `emis uncertainty` finds for one scenario (Docs/reference/uncertainty.md): how likely each
/// target is to be met, the spread of every total, the carbon peak's year, and which factors
/// drive each target.
public struct UncertaintyResult: Sendable {
    /// The mean and the 5, 50 and 95 % points of a series over the draws, per year.
    public struct Band: Sendable, Equatable {
        public var mean: [Double]
        public var p5: [Double]
        public var p50: [Double]
        public var p95: [Double]
    }

    /// The 5, 50 and 95 % points of one quantity.
    public struct Spread: Sendable, Equatable {
        public var p5: Double
        public var p50: Double
        public var p95: Double
    }

    public struct Sensitivity: Sendable, Equatable {
        public var factor: String
        /// Spearman's rank correlation of the factor's X with the target's margin.
        public var rankCorrelation: Double
        /// The squared standardised rank regression coefficient: the share of the margin's
        /// (rank) variance the factor explains when factors are independent; nil when the
        /// regression is not determined.
        public var varianceShare: Double?
    }

    public struct TargetOutcome: Sendable {
        /// The target as the deterministic projection (every X = 1) evaluates it.
        public var deterministic: TargetResult
        /// The share of draws in which the target is met.
        public var probabilityMet: Double
        public var margin: Spread
        public var projected: Spread
        /// Factors by decreasing |rank correlation| (zero-width factors left out).
        public var sensitivity: [Sensitivity]
    }

    public var scenario: String
    public var title: String?
    public var draws: Int
    public var seed: UInt64
    public var years: [Int]
    public var pollutants: [Pollutant]
    public var factors: [UncertainFactor]
    public var targets: [TargetOutcome]
    public var totals: [Pollutant: Band]
    public var baselineTotals: [Pollutant: Band]
    /// Per pollutant and year, the scenario's total relative to the same draw's base-year
    /// total, `E_d(y) / E_d(base) − 1` (the quantity a reduction target bounds). Only for
    /// pollutants whose base-year total is positive in every draw.
    public var changeFromBaseYear: [Pollutant: Band]
    /// Energy use (tce), when the inventory has energy.
    public var energy: Band?
    /// Per series (`CO2`, `energy`): the share of draws whose maximum is in each year (by
    /// year, as text) or, as `none`, in the horizon's last year.
    public var peakYear: [String: [String: Double]]
    /// How many draws (the first ones) the sensitivity ranking is computed from.
    public var sensitivityDraws: Int
    /// The deterministic projection (every X = 1).
    public var deterministic: ProjectionResult
}

public enum UncertaintyError: Error, Sendable {
    /// A draw's projection gave a number that is not finite (factors far too wide).
    case notFinite(draw: Int, what: String)
    case internalError(String)

    public var message: LocalizedText {
        switch self {
        case let .notFinite(draw, what):
            LocalizedText(
                en: "draw \(draw) gave a \(what) that is not a finite number: the factors' ranges are too wide",
                zh: "第 \(draw) 次抽样的\(what)不是有限数值：因子的区间过宽")
        case let .internalError(text):
            LocalizedText(en: "internal error: \(text)", zh: "内部错误：\(text)")
        }
    }
}

/// Monte Carlo over a scenario's uncertain factors: each draw is the projection of §2–7 with
/// the drawn multipliers (`ProjectionEngine.perturbed`), computed exactly, never linearised.
public enum UncertaintyAnalysis {
    /// The most draws asked for at once; memory does not grow with the draws, time does.
    public static let maximumDraws = 10_000_000
    /// The sensitivity ranking keeps the factors and margins of this many draws (the first).
    public static let sensitivityDraws = 10_000
    /// Draws computed together before their statistics are taken, in draw order.
    static let batch = 256

    /// Runs `draws` draws of `seed` on `threads` threads; the result does not depend on the
    /// thread count. `progress` is called on the calling thread with the number of draws done.
    public static func run(
        engine: ProjectionEngine, model: FactorModel, levels: [String: Double], deterministic: ProjectionResult,
        draws: Int, seed: UInt64, threads: Int, progress: (Int) -> Void = { _ in }
    ) throws(UncertaintyError) -> UncertaintyResult {
        let pollutants = deterministic.pollutants
        let years = deterministic.years
        let yearCount = years.count
        let targetCount = deterministic.targets.count
        let hasEnergy = deterministic.energy != nil
        let co2 = pollutants.firstIndex(of: .co2)
        // The deterministic projection's pollutants (those with a non-zero total) among the
        // engine's, whose totals a draw gives.
        let pollutantIndices = pollutants.map { engine.universe.pollutants.firstIndex(of: $0)! }

        var totals = [[BandStatistics]](
            repeating: [BandStatistics](repeating: BandStatistics(), count: yearCount), count: pollutants.count)
        var baseline = totals
        var change = totals
        // Pollutants whose base-year total is positive in every draw so far.
        let baseIndex = years.firstIndex(of: deterministic.baseYear)
        var changeDefined = [Bool](repeating: baseIndex != nil, count: pollutants.count)
        var energy = [BandStatistics](repeating: BandStatistics(), count: hasEnergy ? yearCount : 0)
        var margins = [BandStatistics](repeating: BandStatistics(), count: targetCount)
        var projected = margins
        var met = [Int](repeating: 0, count: targetCount)
        var peaks: [String: [Int]] = [:]
        if co2 != nil { peaks["CO2"] = Array(repeating: 0, count: yearCount) }
        if hasEnergy { peaks["energy"] = Array(repeating: 0, count: yearCount) }
        let kept = min(draws, sensitivityDraws)
        var factorValues = [[Double]](repeating: [], count: model.factors.count)
        var keptMargins = [[Double]](repeating: [], count: targetCount)
        for f in factorValues.indices { factorValues[f].reserveCapacity(kept) }
        for t in keptMargins.indices { keptMargins[t].reserveCapacity(kept) }

        struct Outcome: Sendable {
            var totals: [Double]
            var baseline: [Double]
            var energy: [Double]
            var margins: [Double]
            var projected: [Double]
            var met: [Bool]
            var factors: [Double]
        }
        // Both paths give the same results bit for bit (SweepTests); the sweep pays off from
        // a few thousand sources, the per-year path has less to set up for a city's rows.
        let path: ProjectionEngine.Path = engine.universe.count < 4_096 ? .perYear : .sweep
        @Sendable func evaluate(_ draw: Int) throws -> Outcome {
            let multipliers = model.multipliers(seed: seed, draw: draw)
            let result = try engine.perturbed(by: multipliers, model: model).projectTotals(levels: levels, path: path)
            var outcome = Outcome(
                totals: [], baseline: [], energy: result.energy ?? [], margins: result.targets.map(\.margin),
                projected: result.targets.map(\.projected), met: result.targets.map(\.met),
                factors: model.factors.indices.map(multipliers.summary))
            outcome.totals.reserveCapacity(pollutants.count * yearCount)
            outcome.baseline.reserveCapacity(pollutants.count * yearCount)
            for p in pollutantIndices {
                outcome.totals += result.totals[p]
                outcome.baseline += result.baselineTotals[p]
            }
            return outcome
        }

        // Batches of `batch` draws: the draws of a batch are shared among the threads, and
        // its outcomes are folded into the statistics in draw order by this thread — while
        // the threads already compute the next batch — so the statistics never see the
        // thread count.
        let workers = max(1, threads)
        struct Batch {
            let first: Int
            let count: Int
            let slots: ConcurrentSlots<Result<Outcome, Error>?>
        }
        func start(_ first: Int, on group: DispatchGroup?) -> Batch {
            let count = min(batch, draws - first)
            let slots = ConcurrentSlots<Result<Outcome, Error>?>(count: count, repeating: nil)
            let lanes = min(workers, count)
            let work = { @Sendable (w: Int) in
                for i in stride(from: w, to: count, by: lanes) {
                    slots[i] = Result { try evaluate(first + i) }
                }
            }
            if let group {
                for w in 0..<lanes { DispatchQueue.global().async(group: group) { work(w) } }
            } else {
                work(0)
            }
            return Batch(first: first, count: count, slots: slots)
        }
        func fold(_ chunk: Batch) throws(UncertaintyError) {
            let (first, count, slots) = (chunk.first, chunk.count, chunk.slots)
            for i in 0..<count {
                let draw = first + i
                let outcome: Outcome
                switch slots[i]! {
                case let .success(value): outcome = value
                case let .failure(error): throw .internalError("\(error)")
                }
                for (name, values) in [
                    ("total", outcome.totals), ("margin", outcome.margins), ("energy", outcome.energy),
                ]
                where !values.allSatisfy(\.isFinite) {
                    throw .notFinite(draw: draw, what: name)
                }
                for p in pollutants.indices {
                    for t in 0..<yearCount {
                        totals[p][t].add(outcome.totals[p * yearCount + t])
                        baseline[p][t].add(outcome.baseline[p * yearCount + t])
                    }
                    guard changeDefined[p], let b = baseIndex else { continue }
                    let base = outcome.totals[p * yearCount + b]
                    guard base > 0 else {
                        changeDefined[p] = false
                        continue
                    }
                    for t in 0..<yearCount { change[p][t].add(outcome.totals[p * yearCount + t] / base - 1) }
                }
                for t in energy.indices { energy[t].add(outcome.energy[t]) }
                for i in 0..<targetCount {
                    margins[i].add(outcome.margins[i])
                    projected[i].add(outcome.projected[i])
                    if outcome.met[i] { met[i] += 1 }
                }
                if let co2 {
                    let series = outcome.totals[(co2 * yearCount)..<((co2 + 1) * yearCount)]
                    peaks["CO2"]![peakIndex(Array(series))] += 1
                }
                if hasEnergy { peaks["energy"]![peakIndex(outcome.energy)] += 1 }
                if draw < kept {
                    for f in outcome.factors.indices { factorValues[f].append(outcome.factors[f]) }
                    for i in 0..<targetCount { keptMargins[i].append(outcome.margins[i]) }
                }
            }
            progress(first + count)
        }
        if workers == 1 {
            var first = 0
            while first < draws {
                let chunk = start(first, on: nil)
                try fold(chunk)
                first += chunk.count
            }
        } else {
            let group = DispatchGroup()
            var pending = start(0, on: group)
            group.wait()
            while true {
                let next = pending.first + pending.count
                let ahead = next < draws ? start(next, on: group) : nil
                do {
                    try fold(pending)
                } catch {
                    group.wait()
                    throw error
                }
                group.wait()
                guard let ahead else { break }
                pending = ahead
            }
        }

        func band(_ stats: [BandStatistics]) -> UncertaintyResult.Band {
            UncertaintyResult.Band(
                mean: stats.map(\.mean), p5: stats.map(\.p5), p50: stats.map(\.p50), p95: stats.map(\.p95))
        }
        let ranked = model.factors.indices.filter { !model.factors[$0].factor.isCertain }
        let factorRanks = ranked.map { averageRanks(factorValues[$0]) }
        let outcomes = deterministic.targets.indices.map { i in
            let marginRanks = averageRanks(keptMargins[i])
            let coefficients = standardizedRankRegression(ranks: factorRanks, marginRanks)
            let sensitivity = ranked.enumerated().map { position, f in
                UncertaintyResult.Sensitivity(
                    factor: model.factors[f].factor.id,
                    rankCorrelation: correlation(factorRanks[position], marginRanks),
                    varianceShare: coefficients.map { $0[position] * $0[position] })
            }.sorted {
                abs($0.rankCorrelation) != abs($1.rankCorrelation)
                    ? abs($0.rankCorrelation) > abs($1.rankCorrelation) : $0.factor < $1.factor
            }
            return UncertaintyResult.TargetOutcome(
                deterministic: deterministic.targets[i], probabilityMet: Double(met[i]) / Double(draws),
                margin: .init(p5: margins[i].p5, p50: margins[i].p50, p95: margins[i].p95),
                projected: .init(p5: projected[i].p5, p50: projected[i].p50, p95: projected[i].p95),
                sensitivity: sensitivity)
        }
        var peakShares: [String: [String: Double]] = [:]
        for (name, counts) in peaks {
            var shares: [String: Double] = [:]
            for (t, count) in counts.enumerated() where count > 0 {
                shares[t == yearCount - 1 ? "none" : String(years[t])] = Double(count) / Double(draws)
            }
            peakShares[name] = shares
        }
        return UncertaintyResult(
            scenario: deterministic.scenario, title: deterministic.title, draws: draws, seed: seed, years: years,
            pollutants: pollutants, factors: model.specs, targets: outcomes,
            totals: Dictionary(uniqueKeysWithValues: pollutants.enumerated().map { ($1, band(totals[$0])) }),
            baselineTotals: Dictionary(uniqueKeysWithValues: pollutants.enumerated().map { ($1, band(baseline[$0])) }),
            changeFromBaseYear: Dictionary(
                uniqueKeysWithValues: pollutants.indices.filter { changeDefined[$0] }.map {
                    (pollutants[$0], band(change[$0]))
                }),
            energy: hasEnergy ? band(energy) : nil, peakYear: peakShares, sensitivityDraws: kept,
            deterministic: deterministic)
    }

    /// The index of a series' largest value (the first, when several are equal).
    static func peakIndex(_ series: [Double]) -> Int {
        var best = 0
        for t in series.indices where series[t] > series[best] { best = t }
        return best
    }
}
