/// How a solve ended.
public enum LPStatus: Sendable, Equatable {
    /// Converged: relative primal and dual residuals and the relative
    /// duality gap are all below the solver's `tolerance`.
    case optimal
    /// No `x` with `0 ≤ x ≤ u` satisfies `G·x ≥ h` (to within the feasibility
    /// threshold documented on `InteriorPointSolver`); `shortfalls` says by
    /// how much each row falls short at the best compromise.
    case infeasible
    /// The iterations could not make progress (steps of length ~0, a normal
    /// matrix that could not be factored even with a large shift, or
    /// non-finite numbers). `x` is the best iterate seen; treat it as a hint.
    case numericalTrouble
    /// `maxIterations` Newton steps were taken without converging. `x` is the
    /// best iterate seen.
    case iterationLimit
}

/// The answer of `InteriorPointSolver.solve`, in the units of the programme.
public struct LPSolution: Sendable {
    /// How the solve ended; the other fields are to be read with it.
    public var status: LPStatus
    /// x, length n, always within `[0, u]` (the interior-point iterate,
    /// clipped to the box against rounding). When `.infeasible`: the best
    /// compromise, i.e. the x of the smallest-total-violation solution.
    public var x: [Double]
    /// `cᵀx` for the returned `x` (also when not optimal).
    public var objective: Double
    /// y_i ≥ 0: the shadow price of row i: d(optimal cost)/d(h_i) — the cost
    /// of asking one more unit (in units of c per unit of h_i). Zero for rows
    /// that do not bind. At a degenerate optimum (several dual solutions) it is
    /// the one the interior-point method converges to, the analytic centre of
    /// the optimal dual face; one-sided derivatives then bracket it.
    ///
    /// When `.infeasible`: the shadow prices of the smallest-total-violation
    /// problem, d(minimum Σ shortfalls)/d(h_i) ∈ [0, 1] — which rows drive the
    /// shortfall.
    public var duals: [Double]
    /// When infeasible: for each row, by how much it falls short at the best
    /// compromise (0 for satisfiable rows), i.e. the smallest total violation
    /// solution of Gx + s ≥ h, s ≥ 0 (`s_i = max(0, h_i − (G·x)_i)` for the
    /// returned x, in the units of h_i; values below the feasibility threshold
    /// are set to 0). All zeros for every other status.
    public var shortfalls: [Double]
    /// Interior-point iterations (Newton steps) of all phases together: the
    /// feasibility phase when it runs, plus the optimisation phase.
    public var iterations: Int
    /// Relative primal residual of the last phase, on the scaled programme:
    /// `max(‖h − Gx + w‖∞, ‖u − x − t‖∞) / (1 + max(‖h‖∞, ‖u‖∞))`.
    public var primalResidual: Double
    /// Relative dual residual of the last phase, on the scaled programme:
    /// `‖c − Gᵀy − z + v‖∞ / (1 + ‖c‖∞)`.
    public var dualResidual: Double
    /// Relative duality gap of the last phase, on the scaled programme:
    /// `(xᵀz + tᵀv + wᵀy) / (1 + |cᵀx|)`.
    public var dualityGap: Double

    /// Memberwise initializer (for tests and for callers that build answers
    /// of their own, e.g. for a programme they did not need to solve).
    public init(
        status: LPStatus, x: [Double], objective: Double, duals: [Double], shortfalls: [Double],
        iterations: Int, primalResidual: Double, dualResidual: Double, dualityGap: Double
    ) {
        self.status = status
        self.x = x
        self.objective = objective
        self.duals = duals
        self.shortfalls = shortfalls
        self.iterations = iterations
        self.primalResidual = primalResidual
        self.dualResidual = dualResidual
        self.dualityGap = dualityGap
    }
}
