import Diagnostics
import EmissionInventory
import LinearAlgebra
import LinearProgramming
import Scenarios

/// The least-cost portfolio of candidate measures (Docs/reference/costs.md).
///
/// Each candidate j (a measure with `candidate: true` and a `cost`) gets a level
/// `x_j ∈ [0, 1]` that scales its phase-in. Each target t of the year becomes a ceiling on
/// its quantity `q_t` (emissions or energy of its selection): `q_t(x) ≤ C_t`, where `C_t` is
/// the cap, `(1 − r)·base` for a reduction, baseline − amount for a project reduction, and
/// `(1 − r)·(base/M0)·M(y)` for an intensity. Around levels `x_k`,
///
///     q_t(x) ≈ q_t(x_k) − Σ_j a_tj (x_j − x_kj),
///
/// with `a_tj` the attribution of candidate j to target t per unit of level (exact when the
/// candidates act on different sources, since every measure's effect is linear in its φ).
/// The linear programme
///
///     minimise Σ_j c_j x_j   s.t.   Σ_j a_tj x_j ≥ q_t(x_k) − C_t + Σ_j a_tj x_kj,   0 ≤ x ≤ 1
///
/// (c_j: annualised cost, 元/a) is solved by the interior-point method; the chosen levels
/// are projected exactly, and the linearisation is renewed around them until the exact
/// projection meets every target or stops improving.
public struct LeastCostOptimizer: Sendable {
    public let engine: ProjectionEngine
    public var maximumIterations = 20

    public init(engine: ProjectionEngine) {
        self.engine = engine
    }

    public enum Failure: Error, Sendable {
        case noCandidates
        case candidatesWithoutCost([String])
        case noTargets(year: Int)
        case yearOutsideScenario(Int)
        case solver(String)

        public var message: LocalizedText {
            switch self {
            case .noCandidates:
                LocalizedText(
                    en: "the scenario has no candidate measures (candidate: true)",
                    zh: "情景中没有备选措施（candidate: true）")
            case let .candidatesWithoutCost(ids):
                LocalizedText(
                    en: "candidate measures need a cost: \(ids.joined(separator: ", "))",
                    zh: "备选措施需要给出成本（cost）：\(ids.joined(separator: "、"))")
            case let .noTargets(year):
                LocalizedText(en: "the scenario has no targets in \(year)", zh: "情景在 \(year) 年没有目标")
            case let .yearOutsideScenario(year):
                LocalizedText(en: "\(year) is outside the scenario's years", zh: "\(year) 年不在情景年份范围内")
            case let .solver(detail):
                LocalizedText(en: "the LP solver failed: \(detail)", zh: "线性规划求解失败：\(detail)")
            }
        }
    }

    /// A candidate and what it costs.
    public struct Candidate: Sendable {
        public var id: String
        public var title: String?
        /// Annualised cost at full level, 元/a.
        public var annualCost: Double
        /// Index of the measure in the projection's `measures` (all candidates included).
        let measure: Int
    }

    /// The candidates of the scenario, in order, with their annualised costs.
    public func candidates() throws(Failure) -> [Candidate] {
        let rate = engine.scenario.economics.discountRate
        let measures = engine.scenario.measures
        let candidates = measures.filter(\.isCandidate)
        guard !candidates.isEmpty else { throw .noCandidates }
        let uncosted = candidates.filter { $0.cost == nil }.map(\.id)
        guard uncosted.isEmpty else { throw .candidatesWithoutCost(uncosted) }
        // With every candidate given a level, `measures` of a projection lists all measures.
        return measures.enumerated().compactMap { index, measure in
            guard measure.isCandidate, let cost = measure.cost else { return nil }
            return Candidate(
                id: measure.id, title: measure.title, annualCost: cost.annualized(discountRate: rate),
                measure: index)
        }
    }

    /// Every candidate at `level`.
    func uniform(_ candidates: [Candidate], _ level: Double) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: candidates.map { ($0.id, level) })
    }

    /// How far target t's quantity is above its ceiling (t or tce; negative when met):
    /// `q_t − C_t = −margin · scale_t`, with the scale turning a fraction into the quantity.
    func excess(_ target: TargetResult, index t: Int, in result: ProjectionResult) -> Double {
        -target.margin * scale(t, in: result)
    }

    /// Quantity per unit of the target's own measure (1 for t; the base total for a
    /// reduction; base·M(y)/M0 for an intensity).
    func scale(_ t: Int, in result: ProjectionResult) -> Double {
        let plan = engine.targetPlans[t]
        switch plan.target.kind {
        case .cap, .projectReduction:
            return 1
        case .reduction:
            return plan.baseTotal
        case let .intensity(per, _):
            guard let y = result.years.firstIndex(of: plan.target.year), let series = result.macro[per],
                let base = engine.macro[per]?.base, base != 0
            else { return plan.baseTotal }
            return plan.baseTotal * series[y] / base
        }
    }

    /// Minimises the annualised cost of meeting every target of `year` (default: the
    /// earliest target year).
    public func minimizeCost(year: Int? = nil, threads: Int = 1) throws(Failure) -> OptimizationResult {
        let candidates = try candidates()
        let targetYear = year ?? engine.scenario.targets.map(\.year).min() ?? engine.years.last!
        guard engine.years.contains(targetYear) else { throw .yearOutsideScenario(targetYear) }
        let rows = engine.targetPlans.indices.filter { engine.targetPlans[$0].target.year == targetYear }
        guard !rows.isEmpty else { throw .noTargets(year: targetYear) }

        // Every candidate at full level: can the targets be met at all?
        let full = engine.project(levels: uniform(candidates, 1), threads: threads)
        let short = rows.filter { !full.targets[$0].met }
        if !short.isEmpty {
            return OptimizationResult(
                status: .infeasible, year: targetYear, candidates: candidates, levels: uniform(candidates, 1),
                projection: full, rows: rows, shadowPrices: [:], iterations: 0)
        }
        // Coefficients per unit level, first from the full-level attribution.
        var coefficients = rows.map { t in candidates.map { full.targetEffects[$0.measure][t] } }
        var levels = [Double](repeating: 0, count: candidates.count)
        var current = engine.project(levels: uniform(candidates, 0), threads: threads)
        var best: (levels: [Double], result: ProjectionResult, duals: [Double])?
        var iterations = 0
        var previousViolation = Double.infinity
        while iterations < maximumIterations {
            iterations += 1
            let lp = try program(candidates, rows, coefficients, levels, current)
            let solution = InteriorPointSolver().solve(lp)
            guard solution.status == .optimal else {
                if best != nil { break }
                throw .solver("\(solution.status)")
            }
            levels = solution.x.map { min(1, max(0, $0)) }
            current = engine.project(levels: named(candidates, levels), threads: threads)
            best = (levels, current, solution.duals)
            let violation = rows.reduce(0.0) { $0 + max(0, excess(current.targets[$1], index: $1, in: current)) }
            if violation == 0 || rows.allSatisfy({ current.targets[$0].met }) { break }
            if violation >= previousViolation * (1 - 1e-9) { break }  // no progress
            previousViolation = violation
            // Renew the coefficients of the candidates in use from their attribution at
            // the current levels; keep the others.
            for (r, t) in rows.enumerated() {
                for (j, candidate) in candidates.enumerated() where levels[j] > Tolerance.level {
                    coefficients[r][j] = current.targetEffects[candidate.measure][t] / levels[j]
                }
            }
        }
        guard var best else { throw .solver("no iteration") }
        // An interior-point solution lies a hair inside the box: snap levels within
        // Tolerance.levelSnap of a bound onto it, as long as the exact projection still
        // meets what it met. All at once if that holds; otherwise one level at a time, so
        // that a residue some binding target leans on (by 10⁻¹⁰ of its margin) stays.
        let unsnapped = best.result
        func keeps(_ levels: [Double]) -> ProjectionResult? {
            let result = engine.project(levels: named(candidates, levels), threads: threads)
            return rows.allSatisfy({ result.targets[$0].met || !unsnapped.targets[$0].met }) ? result : nil
        }
        let snapped = best.levels.map(Self.snapped)
        if snapped != best.levels {
            if let result = keeps(snapped) {
                best = (snapped, result, best.duals)
            } else {
                var levels = best.levels
                for j in levels.indices where snapped[j] != levels[j] {
                    var trial = levels
                    trial[j] = snapped[j]
                    if let result = keeps(trial) {
                        levels = trial
                        best = (levels, result, best.duals)
                    }
                }
            }
        }
        var prices: [String: Double] = [:]
        for (r, t) in rows.enumerated() {
            // A target with slack has no price (complementary slackness); the solver's dual
            // is then zero up to its tolerance.
            let target = best.result.targets[t]
            let slack = target.margin > Tolerance.binding * max(1, abs(target.required))
            prices[engine.targetPlans[t].target.id] = slack ? 0 : best.duals[r] * scale(t, in: best.result)
        }
        let met = rows.allSatisfy { best.result.targets[$0].met }
        return OptimizationResult(
            status: met ? .optimal : .notConverged, year: targetYear, candidates: candidates,
            levels: named(candidates, best.levels), projection: best.result, rows: rows, shadowPrices: prices,
            iterations: iterations)
    }

    /// The largest reduction of `pollutant` in `year` at an annualised cost of at most
    /// `budget` 元/a (targets are not imposed).
    public func maximizeReduction(of pollutant: Pollutant, budget: Double, year: Int, threads: Int = 1)
        throws(Failure) -> OptimizationResult
    {
        let candidates = try candidates()
        guard let y = engine.years.firstIndex(of: year) else { throw .yearOutsideScenario(year) }
        let full = engine.project(levels: uniform(candidates, 1), threads: threads)
        let gains = candidates.map { full.measures[$0.measure].reduction[pollutant]?[y] ?? 0 }
        let lp: LinearProgram
        do {
            lp = try LinearProgram(
                objective: gains.map { -$0 },
                constraints: Matrix(rows: 1, columns: candidates.count, columnMajor: candidates.map { -$0.annualCost }),
                lowerBounds: [-budget])
        } catch {
            throw .solver("\(error)")
        }
        let solution = InteriorPointSolver().solve(lp)
        guard solution.status == .optimal else { throw .solver("\(solution.status)") }
        // Residues of the interior point go to 0; levels next to 1 go to 1 unless that
        // would take the cost over the budget.
        var levels = solution.x.map { min(1, max(0, $0)) }.map { $0 < Tolerance.levelSnap ? 0 : $0 }
        let up = levels.map(Self.snapped)
        if zip(up, candidates).reduce(0.0, { $0 + $1.0 * $1.1.annualCost }) <= budget { levels = up }
        let result = engine.project(levels: named(candidates, levels), threads: threads)
        let rows = engine.targetPlans.indices.filter { engine.targetPlans[$0].target.year == year }
        var outcome = OptimizationResult(
            status: .optimal, year: year, candidates: candidates, levels: named(candidates, levels),
            projection: result, rows: rows, shadowPrices: [:], iterations: solution.iterations)
        outcome.maximized = (
            pollutant, result.measures.reduce(0.0) { $0 + ($1.reduction[pollutant]?[y] ?? 0) },
            solution.duals.first ?? 0
        )
        return outcome
    }

    /// A level within `Tolerance.levelSnap` of 0 or 1, set to that bound.
    static func snapped(_ level: Double) -> Double {
        level < Tolerance.levelSnap ? 0 : (level > 1 - Tolerance.levelSnap ? 1 : level)
    }

    private func named(_ candidates: [Candidate], _ levels: [Double]) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: zip(candidates.map(\.id), levels))
    }

    /// The linear programme around `levels` (see the type's documentation).
    private func program(
        _ candidates: [Candidate], _ rows: [Int], _ coefficients: [[Double]], _ levels: [Double],
        _ current: ProjectionResult
    ) throws(Failure) -> LinearProgram {
        var matrix = Matrix(rows: rows.count, columns: candidates.count)
        var bounds: [Double] = []
        for (r, t) in rows.enumerated() {
            var rhs = excess(current.targets[t], index: t, in: current)
            for j in candidates.indices {
                matrix[r, j] = coefficients[r][j]
                rhs += coefficients[r][j] * levels[j]
            }
            bounds.append(rhs)
        }
        do {
            return try LinearProgram(objective: candidates.map(\.annualCost), constraints: matrix, lowerBounds: bounds)
        } catch {
            throw .solver("\(error)")
        }
    }
}

/// What `emis optimize` reports.
public struct OptimizationResult: Sendable {
    public enum Status: String, Sendable {
        /// The exact projection with the chosen levels meets every target at least cost.
        case optimal
        /// Some target cannot be met even with every candidate at full level.
        case infeasible
        /// The linearisation stopped improving before the exact projection met every target.
        case notConverged = "not_converged"
    }

    public var status: Status
    public var year: Int
    public var candidates: [LeastCostOptimizer.Candidate]
    public var levels: [String: Double]
    /// The exact projection with `levels` (every candidate at full level when infeasible).
    public var projection: ProjectionResult
    /// Indices (into `projection.targets`) of the targets of `year`.
    public var rows: [Int]
    /// Per target id: 元/a per unit of the target's quantity (t, or a fraction for a
    /// reduction or an intensity): what tightening the target by one unit would add to the
    /// least cost.
    public var shadowPrices: [String: Double]
    public var iterations: Int
    /// For `--maximize`: the pollutant, the reduction reached (t) and the marginal
    /// reduction per 元 of budget.
    public var maximized: (pollutant: Pollutant, reduction: Double, perYuan: Double)?

    /// Σ_j c_j x_j, 元/a.
    public var annualCost: Double {
        candidates.reduce(0) { $0 + $1.annualCost * (levels[$1.id] ?? 0) }
    }
}

/// The marginal abatement cost curve of one pollutant in one year: the candidates sorted by
/// cost-effectiveness (annualised cost per tonne they cut at full level, 元/t), with the
/// cumulative reduction. Candidates that do not cut the pollutant are left out.
public struct AbatementCostCurve: Sendable {
    public struct Step: Sendable {
        public var id: String
        public var title: String?
        /// 元/a at full level.
        public var annualCost: Double
        /// t/a cut at full level (its attribution with every candidate at full level).
        public var reduction: Double
        /// 元/t.
        public var costPerTonne: Double
        /// t/a: this step's and every cheaper step's reductions.
        public var cumulativeReduction: Double
    }

    public var pollutant: Pollutant
    public var year: Int
    public var steps: [Step]

    public init(optimizer: LeastCostOptimizer, pollutant: Pollutant, year: Int, threads: Int = 1)
        throws(LeastCostOptimizer.Failure)
    {
        let engine = optimizer.engine
        guard let y = engine.years.firstIndex(of: year) else { throw .yearOutsideScenario(year) }
        let candidates = try optimizer.candidates()
        let full = engine.project(levels: optimizer.uniform(candidates, 1), threads: threads)
        var steps: [Step] = candidates.compactMap { candidate in
            let reduction = full.measures[candidate.measure].reduction[pollutant]?[y] ?? 0
            guard reduction > 0 else { return nil }
            return Step(
                id: candidate.id, title: candidate.title, annualCost: candidate.annualCost,
                reduction: reduction, costPerTonne: candidate.annualCost / reduction, cumulativeReduction: 0)
        }
        steps.sort { ($0.costPerTonne, $0.id) < ($1.costPerTonne, $1.id) }
        var cumulative = 0.0
        for k in steps.indices {
            cumulative += steps[k].reduction
            steps[k].cumulativeReduction = cumulative
        }
        self.pollutant = pollutant
        self.year = year
        self.steps = steps
    }
}
