import LinearAlgebra

// The Mehrotra predictor–corrector iterations on an already scaled programme.
// `InteriorPointSolver` (the public entry point) prepares the programme
// (scaling, trivial cases, the feasibility phase) and calls `run` once or
// twice; the method is described there and in Docs/lp-solver.md.

/// `min cᵀx s.t. G·x ≥ h, 0 ≤ x ≤ u` after scaling (u > 0, G with no zero row).
struct ScaledProgram: Sendable {
    var g: Matrix
    var h: [Double]
    var c: [Double]
    var u: [Double]

    var rowCount: Int { h.count }
    var columnCount: Int { c.count }
}

/// A primal–dual point. Primal: x (n), t = u − x slack (n), w = Gx − h
/// surplus (m); dual: y (m, rows), z (n, for x ≥ 0), v (n, for x ≤ u).
/// Interior: every component > 0.
struct Iterate: Sendable {
    var x: [Double]
    var t: [Double]
    var w: [Double]
    var y: [Double]
    var z: [Double]
    var v: [Double]
}

/// Why `PrimalDualIterations.run` stopped.
enum IterationOutcome: Sendable, Equatable {
    /// All three relative measures ≤ tolerance.
    case converged
    /// `maxIterations` steps without convergence.
    case iterationLimit
    /// Several consecutive steps of length ≈ 0 in both spaces.
    case stalled
    /// The normal equations could not be factored or a value became non-finite.
    case failed
}

/// The last (or, when not converged, the best) iterate and its measures.
struct IterationResult: Sendable {
    var outcome: IterationOutcome
    var iterate: Iterate
    var iterations: Int
    var primalResidual: Double
    var dualResidual: Double
    var gap: Double
}

/// The predictor–corrector iterations (see `InteriorPointSolver` for the
/// formulas). Stateless apart from its two parameters.
struct PrimalDualIterations: Sendable {
    var tolerance: Double
    var maxIterations: Int

    /// Fraction of the distance to the boundary taken by a step.
    static let stepFraction = 0.995
    /// A step shorter than this (in both spaces) counts as no progress.
    static let negligibleStep = 1e-8
    /// Consecutive negligible steps after which the run is declared stalled.
    static let stallLimit = 5

    func run(_ p: ScaledProgram) -> IterationResult {
        var point = Self.startingPoint(p)
        var best: IterationResult?
        var smallSteps = 0
        var iteration = 0
        do {
            while true {
                let r = try Residuals(point, p)
                guard r.isFinite else {
                    return finish(.failed, best: best, fallback: point, iteration)
                }
                let current = IterationResult(
                    outcome: .converged, iterate: point, iterations: iteration,
                    primalResidual: r.primal, dualResidual: r.dual, gap: r.gap)
                if best.map({ r.merit < Self.merit($0) }) ?? true { best = current }
                if r.primal <= tolerance, r.dual <= tolerance, r.gap <= tolerance {
                    return current
                }
                if iteration >= maxIterations {
                    return finish(.iterationLimit, best: best, fallback: point, iteration)
                }
                let step = try Self.step(point, p, r)
                point = step.point
                iteration += 1
                if step.primalLength < Self.negligibleStep, step.dualLength < Self.negligibleStep {
                    smallSteps += 1
                    if smallSteps >= Self.stallLimit {
                        return finish(.stalled, best: best, fallback: point, iteration)
                    }
                } else {
                    smallSteps = 0
                }
            }
        } catch {
            return finish(.failed, best: best, fallback: point, iteration)
        }
    }

    private static func merit(_ result: IterationResult) -> Double {
        max(result.primalResidual, result.dualResidual, result.gap)
    }

    private func finish(
        _ outcome: IterationOutcome, best: IterationResult?, fallback: Iterate, _ iterations: Int
    ) -> IterationResult {
        var result =
            best
            ?? IterationResult(
                outcome: outcome, iterate: fallback, iterations: iterations,
                primalResidual: .infinity, dualResidual: .infinity, gap: .infinity)
        result.outcome = outcome
        result.iterations = iterations
        return result
    }

    // MARK: Starting point

    /// x = u/2, t = u/2 (so x + t = u exactly); y = 1; z, v chosen so that the
    /// dual equations hold exactly: with q = c − Gᵀy, z = q⁺ + 1, v = q⁻ + 1;
    /// w = max(Gx − h, 1). The unit floors are the natural scale of the scaled
    /// programme (entries of G and c at most 1 in magnitude, u = 1).
    static func startingPoint(_ p: ScaledProgram) -> Iterate {
        let m = p.rowCount
        let n = p.columnCount
        let x = p.u.map { $0 / 2 }
        var t = [Double](repeating: 0, count: n)
        for j in 0..<n { t[j] = p.u[j] - x[j] }
        let y = [Double](repeating: 1, count: m)
        let gx = (try? BLAS.gemv(p.g, x)) ?? [Double](repeating: 0, count: m)
        let gty = (try? BLAS.gemv(p.g, y, transpose: .transpose)) ?? [Double](repeating: 0, count: n)
        var w = [Double](repeating: 1, count: m)
        for i in 0..<m { w[i] = max(gx[i] - p.h[i], 1) }
        var z = [Double](repeating: 1, count: n)
        var v = [Double](repeating: 1, count: n)
        for j in 0..<n {
            let q = p.c[j] - gty[j]
            z[j] = max(q, 0) + 1
            v[j] = max(-q, 0) + 1
        }
        return Iterate(x: x, t: t, w: w, y: y, z: z, v: v)
    }

    // MARK: One predictor–corrector step

    struct StepResult {
        var point: Iterate
        var primalLength: Double
        var dualLength: Double
    }

    static func step(_ s: Iterate, _ p: ScaledProgram, _ r: Residuals) throws(LinearAlgebraError) -> StepResult {
        let m = p.rowCount
        let n = p.columnCount

        // Θ = (Z X⁻¹ + V T⁻¹)⁻¹ and M = G Θ Gᵀ + W Y⁻¹, factored once.
        var theta = [Double](repeating: 0, count: n)
        for j in 0..<n { theta[j] = 1 / (s.z[j] / s.x[j] + s.v[j] / s.t[j]) }
        var normal = try BLAS.adaTranspose(p.g, diagonal: theta)
        for i in 0..<m { normal[i, i] += s.w[i] / s.y[i] }
        let equations = try NormalEquations(normal)

        // Predictor (affine scaling): σ = 0.
        var rwy = [Double](repeating: 0, count: m)
        var rxz = [Double](repeating: 0, count: n)
        var rtv = [Double](repeating: 0, count: n)
        for i in 0..<m { rwy[i] = -s.w[i] * s.y[i] }
        for j in 0..<n {
            rxz[j] = -s.x[j] * s.z[j]
            rtv[j] = -s.t[j] * s.v[j]
        }
        let affine = try direction(s, p, theta, equations, r, rwy: rwy, rxz: rxz, rtv: rtv)
        let primalAffine = min(1, primalStepLimit(s, affine))
        let dualAffine = min(1, dualStepLimit(s, affine))
        var complementarity = 0.0
        for i in 0..<m {
            complementarity += (s.w[i] + primalAffine * affine.dw[i]) * (s.y[i] + dualAffine * affine.dy[i])
        }
        for j in 0..<n {
            complementarity += (s.x[j] + primalAffine * affine.dx[j]) * (s.z[j] + dualAffine * affine.dz[j])
            complementarity += (s.t[j] + primalAffine * affine.dt[j]) * (s.v[j] + dualAffine * affine.dv[j])
        }
        let muAffine = complementarity / Double(2 * n + m)
        let ratio = r.mu > 0 ? max(0, min(1, muAffine / r.mu)) : 0
        let sigmaMu = ratio * ratio * ratio * r.mu

        // Corrector: centring σμ plus Mehrotra's second-order term ΔX_aff ΔZ_aff e.
        for i in 0..<m { rwy[i] = sigmaMu - s.w[i] * s.y[i] - affine.dw[i] * affine.dy[i] }
        for j in 0..<n {
            rxz[j] = sigmaMu - s.x[j] * s.z[j] - affine.dx[j] * affine.dz[j]
            rtv[j] = sigmaMu - s.t[j] * s.v[j] - affine.dt[j] * affine.dv[j]
        }
        let d = try direction(s, p, theta, equations, r, rwy: rwy, rxz: rxz, rtv: rtv)
        let primalLength = min(1, stepFraction * primalStepLimit(s, d))
        let dualLength = min(1, stepFraction * dualStepLimit(s, d))

        var next = s
        for j in 0..<n {
            next.x[j] += primalLength * d.dx[j]
            next.t[j] += primalLength * d.dt[j]
            next.z[j] += dualLength * d.dz[j]
            next.v[j] += dualLength * d.dv[j]
        }
        for i in 0..<m {
            next.w[i] += primalLength * d.dw[i]
            next.y[i] += dualLength * d.dy[i]
        }
        return StepResult(point: next, primalLength: primalLength, dualLength: dualLength)
    }

    struct Direction {
        var dx: [Double]
        var dt: [Double]
        var dw: [Double]
        var dy: [Double]
        var dz: [Double]
        var dv: [Double]
    }

    /// Solves the Newton system for the right-hand sides (r_p, r_u, r_d) of
    /// `r` and the given complementarity right-hand sides, by the normal
    /// equations in Δy:
    ///
    ///     r̂  = r_d − X⁻¹r_xz + T⁻¹(r_tv − V r_u)
    ///     (G Θ Gᵀ + W Y⁻¹) Δy = r_p + Y⁻¹r_wy + G Θ r̂
    ///     Δx = Θ (GᵀΔy − r̂),   Δw = GΔx − r_p,   Δt = r_u − Δx,
    ///     Δz = X⁻¹(r_xz − ZΔx), Δv = T⁻¹(r_tv − VΔt).
    static func direction(
        _ s: Iterate, _ p: ScaledProgram, _ theta: [Double], _ equations: NormalEquations,
        _ r: Residuals, rwy: [Double], rxz: [Double], rtv: [Double]
    ) throws(LinearAlgebraError) -> Direction {
        let m = p.rowCount
        let n = p.columnCount
        var rHat = [Double](repeating: 0, count: n)
        var thetaRHat = [Double](repeating: 0, count: n)
        for j in 0..<n {
            rHat[j] = r.rd[j] - rxz[j] / s.x[j] + (rtv[j] - s.v[j] * r.ru[j]) / s.t[j]
            thetaRHat[j] = theta[j] * rHat[j]
        }
        var rhs = r.rp
        for i in 0..<m { rhs[i] += rwy[i] / s.y[i] }
        try BLAS.gemv(p.g, thetaRHat, into: &rhs, beta: 1)
        let dy = try equations.solve(rhs)
        let gtdy = try BLAS.gemv(p.g, dy, transpose: .transpose)
        var dx = [Double](repeating: 0, count: n)
        var dt = [Double](repeating: 0, count: n)
        var dz = [Double](repeating: 0, count: n)
        var dv = [Double](repeating: 0, count: n)
        for j in 0..<n {
            dx[j] = theta[j] * (gtdy[j] - rHat[j])
            dt[j] = r.ru[j] - dx[j]
            dz[j] = (rxz[j] - s.z[j] * dx[j]) / s.x[j]
            dv[j] = (rtv[j] - s.v[j] * dt[j]) / s.t[j]
        }
        var dw = try BLAS.gemv(p.g, dx)
        for i in 0..<m { dw[i] -= r.rp[i] }
        return Direction(dx: dx, dt: dt, dw: dw, dy: dy, dz: dz, dv: dv)
    }

    /// Largest α with x + αΔx ≥ 0, t + αΔt ≥ 0, w + αΔw ≥ 0 (+∞ if unbounded).
    static func primalStepLimit(_ s: Iterate, _ d: Direction) -> Double {
        min(stepLimit(s.x, d.dx), stepLimit(s.t, d.dt), stepLimit(s.w, d.dw))
    }

    /// Largest α with y + αΔy ≥ 0, z + αΔz ≥ 0, v + αΔv ≥ 0 (+∞ if unbounded).
    static func dualStepLimit(_ s: Iterate, _ d: Direction) -> Double {
        min(stepLimit(s.y, d.dy), stepLimit(s.z, d.dz), stepLimit(s.v, d.dv))
    }

    static func stepLimit(_ values: [Double], _ deltas: [Double]) -> Double {
        var limit = Double.infinity
        for i in values.indices where deltas[i] < 0 {
            limit = min(limit, -values[i] / deltas[i])
        }
        return limit
    }
}

/// The residuals of the KKT conditions at an iterate and the three relative
/// measures used for termination.
struct Residuals {
    /// r_p = h − Gx + w (m)
    var rp: [Double]
    /// r_u = u − x − t (n)
    var ru: [Double]
    /// r_d = c − Gᵀy − z + v (n)
    var rd: [Double]
    /// μ = (xᵀz + tᵀv + wᵀy) / (2n + m)
    var mu: Double
    /// max(‖r_p‖∞, ‖r_u‖∞) / (1 + max(‖h‖∞, ‖u‖∞))
    var primal: Double
    /// ‖r_d‖∞ / (1 + ‖c‖∞)
    var dual: Double
    /// (xᵀz + tᵀv + wᵀy) / (1 + |cᵀx|)
    var gap: Double

    var merit: Double { max(primal, dual, gap) }
    var isFinite: Bool { mu.isFinite && primal.isFinite && dual.isFinite && gap.isFinite }

    init(_ s: Iterate, _ p: ScaledProgram) throws(LinearAlgebraError) {
        let m = p.rowCount
        let n = p.columnCount
        rp = try BLAS.gemv(p.g, s.x, alpha: -1)
        var primalNorm = 0.0
        for i in 0..<m {
            rp[i] += p.h[i] + s.w[i]
            primalNorm = max(primalNorm, abs(rp[i]))
        }
        rd = try BLAS.gemv(p.g, s.y, alpha: -1, transpose: .transpose)
        ru = [Double](repeating: 0, count: n)
        var dualNorm = 0.0
        var complementarity = 0.0
        var cost = 0.0
        for j in 0..<n {
            ru[j] = p.u[j] - s.x[j] - s.t[j]
            primalNorm = max(primalNorm, abs(ru[j]))
            rd[j] += p.c[j] - s.z[j] + s.v[j]
            dualNorm = max(dualNorm, abs(rd[j]))
            complementarity += s.x[j] * s.z[j] + s.t[j] * s.v[j]
            cost += p.c[j] * s.x[j]
        }
        for i in 0..<m { complementarity += s.w[i] * s.y[i] }
        let hNorm = p.h.reduce(0) { max($0, abs($1)) }
        let uNorm = p.u.reduce(0) { max($0, abs($1)) }
        let cNorm = p.c.reduce(0) { max($0, abs($1)) }
        mu = complementarity / Double(max(1, 2 * n + m))
        primal = primalNorm / (1 + max(hNorm, uNorm))
        dual = dualNorm / (1 + cNorm)
        gap = complementarity / (1 + abs(cost))
    }
}

/// The normal equations `M·Δy = b`, factored once per iteration and solved
/// twice (predictor and corrector).
///
/// M is first scaled symmetrically to unit diagonal, `M̃ = S M S` with
/// `S = diag(1/√Mᵢᵢ)`: the surplus term `wᵢ/yᵢ` ranges from ~0 (binding rows)
/// to very large (slack rows) and the relative shift of `regularizedCholesky`
/// must not be driven by the largest diagonal entry. M̃ is factored by
/// `regularizedCholesky` (a diagonal shift δ when M̃ is numerically singular,
/// e.g. dependent or duplicate binding rows, or when a pivot falls below
/// 1e-12); when a shift was needed, two steps of iterative refinement against
/// the unshifted M̃ recover the accuracy lost to it in the well-conditioned
/// directions.
struct NormalEquations {
    let scaledMatrix: Matrix
    let scaling: [Double]
    let factorization: RegularizedCholesky

    /// Relative pivot floor passed to `regularizedCholesky` (on the unit diagonal).
    static let minimumPivotRatio = 1e-12
    static let refinementSteps = 2

    init(_ matrix: Matrix) throws(LinearAlgebraError) {
        let m = matrix.rows
        var scaling = [Double](repeating: 1, count: m)
        for i in 0..<m {
            let diagonal = matrix[i, i]
            if diagonal > 0, diagonal.isFinite { scaling[i] = 1 / diagonal.squareRoot() }
        }
        var scaled = matrix
        for j in 0..<m {
            for i in 0..<m { scaled[i, j] *= scaling[i] * scaling[j] }
        }
        self.scaledMatrix = scaled
        self.scaling = scaling
        self.factorization = try regularizedCholesky(scaled, minimumPivotRatio: Self.minimumPivotRatio)
    }

    func solve(_ b: [Double]) throws(LinearAlgebraError) -> [Double] {
        var scaledB = b
        for i in scaledB.indices { scaledB[i] *= scaling[i] }
        var x = try factorization.factorization.solve(scaledB)
        if factorization.shift > 0 {
            for _ in 0..<Self.refinementSteps {
                var residual = scaledB
                try BLAS.gemv(scaledMatrix, x, into: &residual, alpha: -1, beta: 1)
                let correction = try factorization.factorization.solve(residual)
                for i in x.indices { x[i] += correction[i] }
            }
        }
        for i in x.indices { x[i] *= scaling[i] }
        return x
    }
}
