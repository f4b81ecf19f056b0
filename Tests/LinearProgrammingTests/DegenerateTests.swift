import EmisTestSupport
import LinearAlgebra
import LinearProgramming
// Degenerate programmes: redundant and duplicate rows, dependent binding rows
// (a singular G Θ Gᵀ at the optimum), several optimal vertices, a zero
// objective, feasible sets with no interior. The solver must still say
// `.optimal` with the right objective and a valid optimality certificate
// (the duals are not unique here, so only the certificate checks them).
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite("Degenerate programmes")
struct DegenerateTests {
    static let wyndor = DenseProgram(
        c: [-3, -5], g: [[-1, 0], [0, -2], [-3, -2]], h: [-4, -12, -18], u: [10, 10])

    @Test func duplicateBindingRow() throws {
        // Wyndor with its third (binding) row repeated: the price 1 is shared.
        var p = Self.wyndor
        p.g.append(p.g[2])
        p.h.append(p.h[2])
        let s = try solve(p)
        expectCertifiedOptimal(p, s)
        expectClose(s.objective, -36, relative: 1e-6, "objective")
        expectClose(s.x, [2, 6], relative: 1e-6, "x")
        expectClose(s.duals[2] + s.duals[3], 1, relative: 1e-6, "shared price")
        expectClose(s.duals[1], 1.5, relative: 1e-6, "y₂")
    }

    @Test func duplicateRowsWithDifferentScales() throws {
        // The binding row also appears multiplied by 1000 and by 1e-3.
        var p = Self.wyndor
        p.g.append(p.g[2].map { $0 * 1000 })
        p.h.append(p.h[2] * 1000)
        p.g.append(p.g[2].map { $0 * 1e-3 })
        p.h.append(p.h[2] * 1e-3)
        let s = try solve(p)
        expectCertifiedOptimal(p, s)
        expectClose(s.objective, -36, relative: 1e-6, "objective")
        // The price of the constraint, however it is split: y₃ + 1000 y₄ + y₅/1000 = 1.
        expectClose(s.duals[2] + 1000 * s.duals[3] + 1e-3 * s.duals[4], 1, relative: 1e-6, "price")
    }

    @Test func redundantRowThroughTheOptimalVertex() throws {
        // x₁ + x₂ ≤ 8 also passes through (2, 6): a primal-degenerate vertex with
        // three binding rows in two dimensions.
        var p = Self.wyndor
        p.g.append([-1, -1])
        p.h.append(-8)
        let s = try solve(p)
        expectCertifiedOptimal(p, s)
        expectClose(s.objective, -36, relative: 1e-6, "objective")
        expectClose(s.x, [2, 6], relative: 1e-6, "x")
    }

    @Test func redundantSlackRow() throws {
        // A row implied by the bounds (x₁ + x₂ ≥ −5) never binds; its price is 0.
        var p = Self.wyndor
        p.g.append([1, 1])
        p.h.append(-5)
        let s = try solve(p)
        expectCertifiedOptimal(p, s)
        expectClose(s.duals, [0, 1.5, 1, 0], relative: 1e-6, "duals")
    }

    @Test func dependentBindingRows() throws {
        // Row 3 = row 1 + row 2, all three binding at the optimum x = (0, 1, 0):
        // G Θ Gᵀ becomes singular as the iterations converge.
        let p = DenseProgram(
            c: [1, 1, 1], g: [[1, 1, 0], [0, 1, 1], [1, 2, 1]], h: [1, 1, 2], u: [2, 2, 2])
        let s = try solve(p)
        expectCertifiedOptimal(p, s)
        expectClose(s.objective, 1, relative: 1e-6, "objective")
        expectClose(s.x, [0, 1, 0], relative: 1e-6, "x")
    }

    @Test func manyDependentRows() throws {
        // 30 rows that are all multiples or sums of 3 independent binding rows.
        var rng = SeededGenerator(seed: 0xDE9E)
        let base: [[Double]] = [[1, 2, 0, 1], [0, 1, 1, 0], [1, 0, 1, 1]]
        let x0: [Double] = [0.5, 0.25, 0.5, 0.75]
        var g: [[Double]] = []
        var h: [Double] = []
        for _ in 0..<30 {
            let weights = (0..<3).map { _ in rng.uniform(0, 2) }
            let row = (0..<4).map { j in (0..<3).reduce(0) { $0 + weights[$1] * base[$1][j] } }
            g.append(row)
            h.append(zip(row, x0).reduce(0) { $0 + $1.0 * $1.1 })
        }
        // c = the sum of the base rows; the reference is the simplex.
        let c = (0..<4).map { j in base.reduce(0) { $0 + $1[j] } }
        let p = DenseProgram(c: c, g: g, h: h, u: [1, 1, 1, 1])
        let s = try solve(p)
        let reference = BlandSimplex().solve(p).outcome
        expectCertifiedOptimal(p, s, tolerance: 1e-6)
        expectClose(s.objective, reference.objective ?? .nan, relative: 1e-6, "objective vs simplex")
    }

    @Test func severalOptimalVertices() throws {
        // max x₁ + x₂ s.t. x₁ + x₂ ≤ 1: every point of the segment is optimal.
        let p = DenseProgram(c: [-1, -1], g: [[-1, -1]], h: [-1], u: [1, 1])
        let s = try solve(p)
        expectCertifiedOptimal(p, s)
        expectClose(s.objective, -1, relative: 1e-6, "objective")
        expectClose(s.duals, [1], relative: 1e-6, "duals")
        // The interior-point method ends near the middle of the optimal face.
        #expect(s.x.allSatisfy { $0 > 0.1 && $0 < 0.9 })
    }

    @Test func zeroObjective() throws {
        let p = DenseProgram(c: [0, 0, 0], g: [[1, 1, 1], [1, -1, 0]], h: [1, 0], u: [1, 1, 1])
        let s = try solve(p)
        expectCertifiedOptimal(p, s)
        #expect(s.objective == 0)
        expectClose(s.duals, [0, 0], relative: 1e-6, "duals")
    }

    @Test func feasibleSetIsOnePoint() throws {
        // x ≥ u row by row: x = u is the only feasible point (no interior).
        let p = DenseProgram(
            c: [1, 2, -3], g: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], h: [0.5, 2, 1], u: [0.5, 2, 1])
        let s = try solve(p)
        expectCertifiedOptimal(p, s, tolerance: 1e-6)
        expectClose(s.x, [0.5, 2, 1], relative: 1e-6, "x")
        expectClose(s.objective, 0.5 + 4 - 3, relative: 1e-6, "objective")
    }

    @Test func equalityFromTwoOppositeRows() throws {
        // x₁ + x₂ = 1 written as two inequalities (u = 2 so that x₂ = 1 is
        // strictly inside its bounds and the price difference is unique).
        let p = DenseProgram(c: [2, 1], g: [[1, 1], [-1, -1]], h: [1, -1], u: [2, 2])
        let s = try solve(p)
        expectCertifiedOptimal(p, s, tolerance: 1e-6)
        expectClose(s.x, [0, 1], relative: 1e-6, "x")
        expectClose(s.objective, 1, relative: 1e-6, "objective")
        // Only the difference of the two prices is determined: y₁ − y₂ = 1.
        expectClose(s.duals[0] - s.duals[1], 1, relative: 1e-6, "price difference")
    }

    @Test func zeroColumnAndZeroRow() throws {
        // A variable that appears in no row goes to its cheaper bound; a zero row
        // with h ≤ 0 holds for every x and has price 0.
        let p = DenseProgram(
            c: [1, -2, 1], g: [[1, 0, 1], [0, 0, 0]], h: [1, -1], u: [1, 3, 1])
        let s = try solve(p)
        expectCertifiedOptimal(p, s)
        expectClose(s.x[1], 3, relative: 1e-6, "free variable at its upper bound")
        expectClose(s.objective, 1 - 6, relative: 1e-6, "objective")
        #expect(s.duals[1] == 0)
    }
}

@Suite("Badly scaled programmes")
struct ConditioningTests {
    @Test func wideMagnitudesAndNearlyParallelRows() throws {
        // Row magnitudes over 1e-4…1e4, column magnitudes over 1e-2…1e2 (with
        // the bounds in matching units), and a row parallel to row 0 up to
        // 1e-10 relative noise. The Bland simplex of the tests loses feasibility
        // (~1e-5) on these, so the check is the optimality certificate alone:
        // primal feasibility, dual feasibility and a zero duality gap together
        // prove optimality (weak duality).
        var rng = SeededGenerator(seed: 0xBAD5CA1E)
        for trial in 0..<40 {
            let n = 25
            let m = 6
            let rowMagnitude = (0..<m).map { _ in pow(10, rng.uniform(-4, 4)) }
            let columnMagnitude = (0..<n).map { _ in pow(10, rng.uniform(-2, 2)) }
            let u = (0..<n).map { rng.uniform(0.5, 2) / columnMagnitude[$0] }
            let c = (0..<n).map { rng.uniform(-1, 1) * columnMagnitude[$0] * 100 }
            var g = (0..<m).map { i in (0..<n).map { j in rng.uniform(-1, 1) * rowMagnitude[i] * columnMagnitude[j] } }
            let x0 = u.map { rng.uniform(0, $0) }
            var h = (0..<m).map { i in
                zip(g[i], x0).reduce(0) { $0 + $1.0 * $1.1 } - rng.uniform(0, 0.3) * rowMagnitude[i]
            }
            g.append(g[0].map { $0 * (1 + 1e-10 * rng.uniform(-1, 1)) })
            h.append(h[0])
            let p = DenseProgram(c: c, g: g, h: h, u: u)
            let s = try solve(p)
            expectCertifiedOptimal(p, s, tolerance: 1e-9, "trial \(trial)")
        }
    }
}
