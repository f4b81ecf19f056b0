import LinearAlgebra

/// A primal–dual interior-point solver (Mehrotra predictor–corrector) for
/// `LinearProgram`s: `min cᵀx s.t. G·x ≥ h, 0 ≤ x ≤ u`.
///
/// ## The iterations
///
/// With slacks `w = Gx − h ≥ 0` and `t = u − x ≥ 0`, and duals `y ≥ 0` (rows),
/// `z ≥ 0` (for `x ≥ 0`) and `v ≥ 0` (for `x ≤ u`), the optimality conditions
/// are
///
/// ```
/// G x − w = h,   x + t = u,   Gᵀy + z − v = c,
/// W Y e = 0,     X Z e = 0,   T V e = 0,       (x, t, w, y, z, v) ≥ 0
/// ```
///
/// (the dual programme is `max hᵀy − uᵀv s.t. Gᵀy + z − v = c, y, z, v ≥ 0`).
/// Each iteration takes one Newton step on these equations with the
/// complementarity right-hand sides replaced by `σμe`, μ = (xᵀz + tᵀv +
/// wᵀy)/(2n + m). Eliminating Δw, Δt, Δz, Δv and Δx leaves the **normal
/// equations in the m row duals**:
///
/// ```
/// Θ = (Z X⁻¹ + V T⁻¹)⁻¹                                  (diagonal, n)
/// (G Θ Gᵀ + W Y⁻¹) Δy = r_p + Y⁻¹ r_wy + G Θ r̂,        r̂ = r_d − X⁻¹r_xz + T⁻¹(r_tv − V r_u)
/// Δx = Θ(GᵀΔy − r̂),  Δw = GΔx − r_p,  Δt = r_u − Δx,  Δz = X⁻¹(r_xz − ZΔx),  Δv = T⁻¹(r_tv − VΔt)
/// ```
///
/// with r_p = h − Gx + w, r_u = u − x − t, r_d = c − Gᵀy − z + v. The m × m
/// matrix `G Θ Gᵀ` is formed with `BLAS.adaTranspose` (one `dsyrk`, O(m²n)),
/// scaled to unit diagonal and factored with `regularizedCholesky` (a small
/// diagonal shift when it is numerically singular, as with dependent or
/// duplicate binding rows). The one factorization serves both solves of the
/// iteration:
///
/// - **predictor** (affine scaling, σ = 0): step lengths α_p, α_d to the
///   boundary (at most 1) and `μ_aff` = complementarity after that step;
/// - **corrector**: σ = (μ_aff/μ)³, right-hand sides `σμe − XZe − ΔX_aff ΔZ_aff e`
///   (and likewise for (t, v) and (w, y));
/// - **step**: separate primal and dual lengths, 0.995 of the distance to the
///   boundary, at most 1.
///
/// The cost of an iteration is O(m²n + m³): for n = 10 000 and m = 20 about
/// 10 MFLOP.
///
/// ## Scaling and starting point
///
/// Before iterating the programme is scaled (and the answer unscaled):
/// columns by the bounds, `x̂_j = x_j/u_j ∈ [0, 1]`; rows by their largest
/// entry, `r_i = max_j |G_ij u_j|`, `Ĝ_ij = G_ij u_j / r_i`, `ĥ_i = h_i/r_i`;
/// the cost by its largest entry, `γ = max_j |c_j u_j|`, `ĉ_j = c_j u_j/γ`
/// (γ = 1 when c = 0). Then `x = u ⊙ x̂` and `y_i = γ ŷ_i / r_i`. Rows of G
/// that are entirely zero are taken out (they hold iff h_i ≤ τ, below; their dual is 0).
/// The iterations start from x̂ = t = ½, y = 1, w = max(Ĝx̂ − ĥ, 1), and
/// z = q⁺ + 1, v = q⁻ + 1 with q = ĉ − Ĝᵀy (the dual equations hold exactly).
///
/// ## Termination
///
/// On the scaled programme: relative primal residual
/// `max(‖r_p‖∞, ‖r_u‖∞)/(1 + max(‖ĥ‖∞, 1))`, relative dual residual
/// `‖r_d‖∞/(1 + ‖ĉ‖∞)` and relative gap `(xᵀz + tᵀv + wᵀy)/(1 + |ĉᵀx̂|)` all
/// ≤ `tolerance` → `.optimal`. Five consecutive steps shorter than 1e-8 in
/// both spaces, a factorization failure or a non-finite value →
/// `.numericalTrouble`; `maxIterations` steps → `.iterationLimit`. When not
/// optimal the best iterate seen (smallest largest measure) is returned.
///
/// ## Infeasibility
///
/// Feasibility is settled before optimising, on the scaled programme, with the
/// threshold `τ = 10·tolerance·(1 + ‖ĥ‖∞)` (in scaled row units, where 1 is the
/// largest contribution of one variable to the row):
///
/// 1. if x = u or x = 0 violates no row by more than τ, the programme is
///    feasible (no extra work — the common case of targets that full adoption
///    meets);
/// 2. otherwise the **elastic programme** `min Σ ŝ_i s.t. Ĝx̂ + ŝ ≥ ĥ,
///    0 ≤ x̂ ≤ 1, 0 ≤ ŝ ≤ Ŝ` is solved by the same iterations (it is always
///    feasible; Ŝ_i = 2·max(0, ĥ_i − Σ_j min(0, Ĝ_ij)) + 1 never binds). If its
///    x̂ violates some row by more than τ the programme is `.infeasible`;
/// 3. when infeasible, the reported compromise minimises the total violation
///    in the units of h, `min Σ s_i s.t. Gx + s ≥ h` (the elastic programme
///    with weights r_i; skipped when all rows have the same scale), and
///    `shortfalls_i = max(0, h_i − (Gx)_i)` at its x.
///
/// Step 2 weights each row by 1/r_i so that the decision does not depend on
/// the rows' units; step 3 follows the documented meaning of `shortfalls`.
/// Rows of G that are entirely zero fall short by h_i whatever x is; when
/// they are the only rows that do (h_i > τ), the answer is `.infeasible` with
/// the least-cost x for the other rows (the optimisation phase runs on them).
/// A programme infeasible by less than τ counts as feasible; one infeasible by
/// a little more than the optimisation phase's own tolerance can end in
/// `.numericalTrouble` or `.iterationLimit`.
///
/// The solver is a value; `solve` is a pure function of its input (no
/// printing, no global state) and is safe to call from several threads.
public struct InteriorPointSolver: Sendable {
    /// Relative tolerance on the primal and dual residuals and the duality
    /// gap; also scales the feasibility threshold τ. Finite and in
    /// [1e-14, 1e-2]; values outside are clamped (NaN means the default 1e-9).
    public var tolerance = 1e-9
    /// Most Newton steps per phase (≥ 0; a negative value counts as 0).
    public var maxIterations = 200

    /// A solver with `tolerance = 1e-9` and `maxIterations = 200`, or the values given.
    public init(tolerance: Double = 1e-9, maxIterations: Int = 200) {
        self.tolerance = tolerance
        self.maxIterations = maxIterations
    }

    /// Solves `min cᵀx s.t. G·x ≥ h, 0 ≤ x ≤ u`. Never throws and never traps
    /// on data: a programme that fails `validate()` (changed after `init`)
    /// gives `.numericalTrouble` with zero vectors of the programme's sizes and
    /// infinite residuals.
    ///
    /// - Returns: the solution in the units of the programme; see `LPSolution`.
    ///   For m = 0 the answer is direct (x_j = u_j where c_j < 0, else 0;
    ///   0 iterations); for n = 0 the programme is feasible iff h ≤ τ.
    public func solve(_ lp: LinearProgram) -> LPSolution {
        let n = lp.objective.count
        let m = lp.lowerBounds.count
        do {
            try lp.validate()
        } catch {
            return LPSolution(
                status: .numericalTrouble, x: [Double](repeating: 0, count: n), objective: 0,
                duals: [Double](repeating: 0, count: m), shortfalls: [Double](repeating: 0, count: m),
                iterations: 0, primalResidual: .infinity, dualResidual: .infinity, dualityGap: .infinity)
        }
        let prepared = PreparedProgram(lp, tolerance: effectiveTolerance)
        return Solve(
            prepared: prepared,
            iterations: PrimalDualIterations(
                tolerance: effectiveTolerance, maxIterations: max(0, maxIterations))
        ).run()
    }

    var effectiveTolerance: Double {
        guard !tolerance.isNaN else { return 1e-9 }
        return min(max(tolerance, 1e-14), 1e-2)
    }
}

// MARK: - Preparation: zero rows, scaling, the feasibility threshold

/// The programme split into its zero rows and the scaled rest.
struct PreparedProgram {
    let original: LinearProgram
    /// Original indices of the rows of G with a nonzero entry (the rows the
    /// iterations see, in this order).
    let keptRows: [Int]
    /// Original indices of the rows of G that are entirely zero.
    let zeroRows: [Int]
    /// r_i for the kept rows: max_j |G_ij u_j|.
    let rowScale: [Double]
    /// γ = max_j |c_j u_j| (1 if c = 0).
    let costScale: Double
    /// The kept rows, scaled (x̂ = x/u, so û = 1).
    let scaled: ScaledProgram
    /// τ = 10·tolerance·(1 + ‖ĥ‖∞), in scaled row units (zero rows unscaled).
    let feasibilityThreshold: Double

    init(_ lp: LinearProgram, tolerance: Double) {
        original = lp
        let m = lp.lowerBounds.count
        let n = lp.objective.count
        let g = lp.constraints.columnMajorElements
        let u = lp.upperBounds

        var scale = [Double](repeating: 0, count: m)
        for j in 0..<n {
            let base = j * m
            for i in 0..<m { scale[i] = max(scale[i], abs(g[base + i] * u[j])) }
        }
        let kept = (0..<m).filter { scale[$0] > 0 }
        let rowScale = kept.map { scale[$0] }
        keptRows = kept
        zeroRows = (0..<m).filter { scale[$0] == 0 }
        self.rowScale = rowScale

        var largestCost = 0.0
        for j in 0..<n { largestCost = max(largestCost, abs(lp.objective[j] * u[j])) }
        let gamma = largestCost > 0 && largestCost.isFinite ? largestCost : 1
        costScale = gamma

        let k = kept.count
        var scaledG = [Double](repeating: 0, count: k * n)
        for j in 0..<n {
            for (row, i) in kept.enumerated() {
                scaledG[row + j * k] = g[i + j * m] * u[j] / rowScale[row]
            }
        }
        var h = [Double](repeating: 0, count: k)
        for (row, i) in kept.enumerated() { h[row] = lp.lowerBounds[i] / rowScale[row] }
        var c = [Double](repeating: 0, count: n)
        for j in 0..<n { c[j] = lp.objective[j] * u[j] / gamma }
        // The shape is right by construction; the fallback is never taken.
        let matrix = (try? Matrix(rows: k, columns: n, columnMajor: scaledG)) ?? Matrix(rows: k, columns: n)
        scaled = ScaledProgram(g: matrix, h: h, c: c, u: [Double](repeating: 1, count: n))

        var hNorm = h.reduce(0) { max($0, abs($1)) }
        for i in 0..<m where scale[i] == 0 { hNorm = max(hNorm, abs(lp.lowerBounds[i])) }
        feasibilityThreshold = 10 * tolerance * (1 + hNorm)
    }

    /// True when some zero row asks for more than τ (it cannot be met by any x).
    var zeroRowsInfeasible: Bool {
        zeroRows.contains { original.lowerBounds[$0] > feasibilityThreshold }
    }

    /// Largest violation `max_i (ĥ_i − Ĝ_i x̂)⁺` of the kept, scaled rows (0 if none).
    func largestScaledViolation(_ xHat: [Double]) -> Double {
        guard let gx = try? BLAS.gemv(scaled.g, xHat) else { return .infinity }
        var worst = 0.0
        for i in gx.indices { worst = max(worst, scaled.h[i] - gx[i]) }
        return worst
    }

    /// x = u ⊙ x̂, clipped to [0, u].
    func unscaledX(_ xHat: [Double]) -> [Double] {
        (0..<xHat.count).map { j in
            min(max(xHat[j], 0), 1) * original.upperBounds[j]
        }
    }

    /// Duals in the units of the programme for the kept rows' scaled duals ŷ:
    /// y_i = γ ŷ_i / r_i (zero rows get `zeroRowDual(i)`).
    func unscaledDuals(_ yHat: [Double], objectiveScale: Double, zeroRowDual: (Int) -> Double) -> [Double] {
        var y = [Double](repeating: 0, count: original.lowerBounds.count)
        for (row, i) in keptRows.enumerated() { y[i] = max(0, objectiveScale * yHat[row] / rowScale[row]) }
        for i in zeroRows { y[i] = zeroRowDual(i) }
        return y
    }

    /// The elastic programme on the kept rows: `min Σ_i ω_i ŝ_i s.t.
    /// Ĝx̂ + ŝ ≥ ĥ, 0 ≤ x̂ ≤ 1, 0 ≤ ŝ ≤ Ŝ`, with ŝ = Ŝ ⊙ ŝ' (so every bound is
    /// 1) and the cost normalised by its largest entry. Returns the programme
    /// and that normaliser (the objective scale of its duals).
    func elasticProgram(weights: [Double]) -> (program: ScaledProgram, objectiveScale: Double) {
        let k = keptRows.count
        let n = original.objective.count
        let g = scaled.g.columnMajorElements
        var bound = [Double](repeating: 0, count: k)
        for i in 0..<k {
            var lowest = 0.0
            for j in 0..<n { lowest += min(0, g[i + j * k]) }
            bound[i] = 2 * max(0, scaled.h[i] - lowest) + 1
        }
        var storage = g
        storage.reserveCapacity(k * (n + k))
        for column in 0..<k {
            for i in 0..<k { storage.append(i == column ? bound[i] : 0) }
        }
        var cost = [Double](repeating: 0, count: n + k)
        var largest = 0.0
        for i in 0..<k {
            cost[n + i] = weights[i] * bound[i]
            largest = max(largest, cost[n + i])
        }
        let normaliser = largest > 0 && largest.isFinite ? largest : 1
        for i in 0..<k { cost[n + i] /= normaliser }
        let matrix = (try? Matrix(rows: k, columns: n + k, columnMajor: storage)) ?? Matrix(rows: k, columns: n + k)
        return (ScaledProgram(g: matrix, h: scaled.h, c: cost, u: [Double](repeating: 1, count: n + k)), normaliser)
    }
}

// MARK: - The phases

/// One call of `InteriorPointSolver.solve` after validation.
private struct Solve {
    let prepared: PreparedProgram
    let iterations: PrimalDualIterations

    var lp: LinearProgram { prepared.original }
    var m: Int { lp.lowerBounds.count }
    var n: Int { lp.objective.count }

    func run() -> LPSolution {
        if prepared.keptRows.isEmpty { return boundsOnly() }

        var spent = 0
        if !certifiedByCorner() {
            // Step 2: decide with every scaled row weighted alike.
            let weights = [Double](repeating: 1, count: prepared.keptRows.count)
            let elastic = solveElastic(weights: weights)
            spent += elastic.result.iterations
            guard elastic.result.outcome == .converged else {
                return trouble(elastic.result, spent: spent)
            }
            let xHat = Array(elastic.result.iterate.x[0..<n])
            guard prepared.largestScaledViolation(xHat) <= prepared.feasibilityThreshold else {
                return infeasible(decision: elastic, spent: spent)
            }
        }
        var solution = optimise(spent: spent)
        if prepared.zeroRowsInfeasible && solution.status == .optimal {
            // Only rows without any variable fall short, by h_i whatever x is:
            // every x meeting the other rows is a best compromise, and the
            // least-cost one is returned. The duals are those of the total
            // violation (1 on the short zero rows, 0 elsewhere).
            solution.status = .infeasible
            solution.duals = [Double](repeating: 0, count: m)
            markShortZeroRows(&solution)
        }
        return solution
    }

    /// Shortfall h_i and dual 1 on each zero row asking for more than τ.
    func markShortZeroRows(_ solution: inout LPSolution) {
        for i in prepared.zeroRows where lp.lowerBounds[i] > prepared.feasibilityThreshold {
            solution.shortfalls[i] = lp.lowerBounds[i]
            solution.duals[i] = 1
        }
    }

    /// Step 1: x = u or x = 0 meets every row to within τ.
    func certifiedByCorner() -> Bool {
        let ones = [Double](repeating: 1, count: n)
        let zeros = [Double](repeating: 0, count: n)
        return prepared.largestScaledViolation(ones) <= prepared.feasibilityThreshold
            || prepared.largestScaledViolation(zeros) <= prepared.feasibilityThreshold
    }

    func solveElastic(weights: [Double]) -> (result: IterationResult, objectiveScale: Double) {
        let (program, scale) = prepared.elasticProgram(weights: weights)
        return (iterations.run(program), scale)
    }

    /// The optimisation phase on the scaled programme.
    func optimise(spent: Int) -> LPSolution {
        let result = iterations.run(prepared.scaled)
        let x = prepared.unscaledX(result.iterate.x)
        let status: LPStatus
        switch result.outcome {
        case .converged: status = .optimal
        case .iterationLimit: status = .iterationLimit
        case .stalled, .failed: status = .numericalTrouble
        }
        return LPSolution(
            status: status, x: x, objective: cost(x),
            duals: prepared.unscaledDuals(result.iterate.y, objectiveScale: prepared.costScale) { _ in 0 },
            shortfalls: [Double](repeating: 0, count: m), iterations: spent + result.iterations,
            primalResidual: result.primalResidual, dualResidual: result.dualResidual, dualityGap: result.gap)
    }

    /// Step 3: the smallest total violation in the units of h.
    func infeasible(decision: (result: IterationResult, objectiveScale: Double), spent: Int) -> LPSolution {
        var spent = spent
        let scales = prepared.rowScale
        let uniform = scales.allSatisfy { abs($0 - scales[0]) <= 1e-12 * scales[0] }
        let compromise: (result: IterationResult, objectiveScale: Double)
        if uniform {
            // Same weights up to a common factor: the decision solve is the answer,
            // with its duals rescaled from Σŝ to Σs = r·Σŝ.
            compromise = (decision.result, decision.objectiveScale * scales[0])
        } else {
            compromise = solveElastic(weights: scales)
            spent += compromise.result.iterations
            guard compromise.result.outcome == .converged else {
                return trouble(compromise.result, spent: spent)
            }
        }
        let xHat = Array(compromise.result.iterate.x[0..<n])
        let x = prepared.unscaledX(xHat)
        let gx = (try? BLAS.gemv(lp.constraints, x)) ?? [Double](repeating: .infinity, count: m)
        var shortfalls = [Double](repeating: 0, count: m)
        for (row, i) in prepared.keptRows.enumerated() {
            let short = lp.lowerBounds[i] - gx[i]
            if short > prepared.feasibilityThreshold * scales[row] { shortfalls[i] = short }
        }
        // Duals of the kept rows: d(Σ s)/d(h_i) = γ_el ŷ_i / r_i, where γ_el is
        // the factor from the normalised elastic objective to Σ s (in [0, 1]
        // in exact arithmetic; clipped against rounding).
        let yHat = compromise.result.iterate.y
        var duals = [Double](repeating: 0, count: m)
        for (row, i) in prepared.keptRows.enumerated() {
            duals[i] = min(1, max(0, compromise.objectiveScale * yHat[row] / scales[row]))
        }
        var solution = LPSolution(
            status: .infeasible, x: x, objective: cost(x), duals: duals, shortfalls: shortfalls,
            iterations: spent, primalResidual: compromise.result.primalResidual,
            dualResidual: compromise.result.dualResidual, dualityGap: compromise.result.gap)
        markShortZeroRows(&solution)
        return solution
    }

    /// A phase that did not converge: the best iterate seen, as `.numericalTrouble`
    /// or `.iterationLimit`.
    func trouble(_ result: IterationResult, spent: Int) -> LPSolution {
        let x = prepared.unscaledX(Array(result.iterate.x[0..<n]))
        return LPSolution(
            status: result.outcome == .iterationLimit ? .iterationLimit : .numericalTrouble,
            x: x, objective: cost(x), duals: [Double](repeating: 0, count: m),
            shortfalls: [Double](repeating: 0, count: m), iterations: spent,
            primalResidual: result.primalResidual, dualResidual: result.dualResidual, dualityGap: result.gap)
    }

    /// No row involves a variable (m = 0, n = 0 or all rows of G zero): each
    /// x_j independently at its cheaper bound; zero rows hold iff h_i ≤ τ.
    func boundsOnly() -> LPSolution {
        let x = (0..<n).map { lp.objective[$0] < 0 ? lp.upperBounds[$0] : 0 }
        var solution = LPSolution(
            status: prepared.zeroRowsInfeasible ? .infeasible : .optimal, x: x, objective: cost(x),
            duals: [Double](repeating: 0, count: m), shortfalls: [Double](repeating: 0, count: m),
            iterations: 0, primalResidual: 0, dualResidual: 0, dualityGap: 0)
        markShortZeroRows(&solution)
        return solution
    }

    func cost(_ x: [Double]) -> Double {
        var total = 0.0
        for j in 0..<n { total += lp.objective[j] * x[j] }
        return total
    }
}
