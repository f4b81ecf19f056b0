import EmisTestSupport
import LinearAlgebra
import LinearProgramming
// Infeasible programmes: `.infeasible` with the shortfalls of the smallest
// total violation, `Gx + s ≥ h`, in the units of h.
import Testing

/// The compromise x with its shortfalls meets every row: Gx + s ≥ h.
func expectCompromiseConsistent(
    _ p: DenseProgram, _ s: LPSolution, sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(
        s.x.count == p.n && s.shortfalls.count == p.m && s.duals.count == p.m,
        sourceLocation: sourceLocation)
    for j in 0..<p.n {
        #expect(s.x[j] >= 0 && s.x[j] <= p.u[j], sourceLocation: sourceLocation)
    }
    for i in 0..<p.m {
        let scale = 1 + abs(p.h[i])
        #expect(s.shortfalls[i] >= 0, sourceLocation: sourceLocation)
        #expect(
            p.rowValue(i, s.x) + s.shortfalls[i] >= p.h[i] - 1e-7 * scale,
            "row \(i)", sourceLocation: sourceLocation)
        #expect(s.duals[i] >= 0 && s.duals[i] <= 1, sourceLocation: sourceLocation)
    }
    #expect(isClose(s.objective, p.cost(s.x), relative: 1e-12), sourceLocation: sourceLocation)
}

@Suite("Infeasible programmes")
struct InfeasibilityTests {
    @Test func rowNeedsMoreThanTheUpperBound() throws {
        // x ≥ 2 with x ≤ 1: falls short by 1 at the compromise x = 1.
        let p = DenseProgram(c: [1], g: [[1]], h: [2], u: [1])
        let s = try solve(p)
        #expect(s.status == .infeasible)
        expectCompromiseConsistent(p, s)
        expectClose(s.shortfalls, [1], relative: 1e-6, "shortfalls")
        expectClose(s.x, [1], relative: 1e-6, "x")
        // One more unit asked is one more unit short.
        expectClose(s.duals, [1], relative: 1e-6, "duals")
    }

    @Test func oneRowShortOthersMet() throws {
        // Row 1 needs x₁ + x₂ ≥ 3 with both ≤ 1: short by 1 (x₁ = x₂ = 1).
        // Row 2 (x₃ ≥ 0.5) and row 3 (x₁ − x₃ ≥ −1) can be met at the same time.
        let p = DenseProgram(
            c: [1, 1, 1], g: [[1, 1, 0], [0, 0, 1], [1, 0, -1]], h: [3, 0.5, -1], u: [1, 1, 1])
        let s = try solve(p)
        #expect(s.status == .infeasible)
        expectCompromiseConsistent(p, s)
        expectClose(s.shortfalls, [1, 0, 0], relative: 1e-6, "shortfalls")
        expectClose(Array(s.x[0..<2]), [1, 1], relative: 1e-6, "x₁, x₂")
        #expect(s.shortfalls[1] == 0 && s.shortfalls[2] == 0)
    }

    @Test func conflictingRowsShareTheShortfall() throws {
        // x ≥ 0.8 and x ≤ 0.5: every x in [0.5, 0.8] leaves a total of 0.3.
        let p = DenseProgram(c: [1], g: [[1], [-1]], h: [0.8, -0.5], u: [1])
        let s = try solve(p)
        #expect(s.status == .infeasible)
        expectCompromiseConsistent(p, s)
        expectClose(s.shortfalls[0] + s.shortfalls[1], 0.3, relative: 1e-6, "total shortfall")
        #expect(s.x[0] >= 0.5 - 1e-7 && s.x[0] <= 0.8 + 1e-7)
    }

    @Test func totalIsCountedInTheUnitsOfH() throws {
        // Row 1 in tonnes: 1000 x ≥ 800; row 2 a fraction: x ≤ 0.5. The
        // smallest total Σ s_i is at x = 0.8: row 1 met, row 2 short by 0.3
        // (x = 0.5 would leave 300 t short in row 1).
        let p = DenseProgram(c: [1], g: [[1000], [-1]], h: [800, -0.5], u: [1])
        let s = try solve(p)
        #expect(s.status == .infeasible)
        expectCompromiseConsistent(p, s)
        expectClose(s.shortfalls, [0, 0.3], relative: 1e-6, "shortfalls")
        expectClose(s.x, [0.8], relative: 1e-6, "x")
    }

    @Test func largeShortfallInTonnes() throws {
        // 50 measures of 1000 t each cannot reach 60 000 t: short by 10 000 t.
        let n = 50
        let p = DenseProgram(
            c: [Double](repeating: 1, count: n), g: [[Double](repeating: 1000, count: n)],
            h: [60_000], u: [Double](repeating: 1, count: n))
        let s = try solve(p)
        #expect(s.status == .infeasible)
        expectCompromiseConsistent(p, s)
        expectClose(s.shortfalls, [10_000], relative: 1e-6, "shortfalls")
        expectClose(s.x, [Double](repeating: 1, count: n), relative: 1e-6, "x")
    }

    @Test func zeroRowAskingForMore() throws {
        // A row with no variable and h > 0 falls short by h whatever x is; the
        // other rows are met (and x is their cheapest plan).
        let p = DenseProgram(c: [1, 1], g: [[1, 1], [0, 0]], h: [0.5, 2], u: [1, 1])
        let s = try solve(p)
        #expect(s.status == .infeasible)
        expectCompromiseConsistent(p, s)
        expectClose(s.shortfalls, [0, 2], relative: 1e-6, "shortfalls")
        // The least-cost plan for the other row: x₁ + x₂ = 0.5 at cost 0.5.
        expectClose(s.objective, 0.5, relative: 1e-6, "objective")
        expectClose(s.duals, [0, 1], relative: 1e-6, "duals")
    }

    @Test func zeroRowShortAndAnotherRowShort() throws {
        // Both a zero row and a real row fall short: the compromise comes from
        // the elastic programme; the zero row's shortfall is its h.
        let p = DenseProgram(c: [1, 1], g: [[1, 1], [0, 0]], h: [3, 2], u: [1, 1])
        let s = try solve(p)
        #expect(s.status == .infeasible)
        expectCompromiseConsistent(p, s)
        expectClose(s.shortfalls, [1, 2], relative: 1e-6, "shortfalls")
        expectClose(s.duals, [1, 1], relative: 1e-6, "duals")
    }

    @Test func noVariablesButPositiveLowerBound() throws {
        let lp = try LinearProgram(
            objective: [], constraints: Matrix(rows: 3, columns: 0), lowerBounds: [1, -1, 0])
        let s = InteriorPointSolver().solve(lp)
        #expect(s.status == .infeasible)
        #expect(s.shortfalls == [1, 0, 0])
        #expect(s.x.isEmpty)
    }

    @Test func infeasibleWithManyRows() throws {
        // Random rows that x₀ meets, plus one that asks for twice what full
        // adoption gives: only that row is short, by half its h.
        var rng = SeededGenerator(seed: 0x1FEA5)
        var p = randomProgram(n: 12, m: 6, feasible: true, &rng)
        let full = p.u.reduce(0, +)
        p.g.append([Double](repeating: 1, count: p.n))
        p.h.append(2 * full)
        let s = try solve(p)
        #expect(s.status == .infeasible)
        expectCompromiseConsistent(p, s)
        // The last row is short by at least `full`; the total is the elastic optimum.
        #expect(s.shortfalls[p.m - 1] >= full - 1e-6)
        let elastic = BlandSimplex().solve(elasticProgram(p)).outcome
        expectClose(s.shortfalls.reduce(0, +), elastic.objective ?? .nan, relative: 1e-6, "total vs simplex")
    }

    @Test func justFeasibleIsNotInfeasible() throws {
        // x₁ + x₂ ≥ 2 with u = 1 is met only at x = u (no interior).
        let p = DenseProgram(c: [1, 3], g: [[1, 1]], h: [2], u: [1, 1])
        let s = try solve(p)
        expectCertifiedOptimal(p, s, tolerance: 1e-6)
        expectClose(s.objective, 4, relative: 1e-6, "objective")
    }

    @Test func feasibleButNeitherCornerIs() throws {
        // 0.3 ≤ x₁ ≤ 0.7 and x₂ ≤ 0.5: neither x = 0 nor x = u is feasible, so
        // the elastic programme decides (feasible), then the optimisation runs.
        let p = DenseProgram(c: [1, -1], g: [[1, 0], [-1, 0], [0, -1]], h: [0.3, -0.7, -0.5], u: [1, 1])
        let s = try solve(p)
        expectCertifiedOptimal(p, s)
        expectClose(s.x, [0.3, 0.5], relative: 1e-6, "x")
        expectClose(s.duals, [1, 0, 1], relative: 1e-6, "duals")
    }
}
