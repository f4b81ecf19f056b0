import EmisTestSupport
import LinearAlgebra
import LinearProgramming
// Properties of the optimal cost as a function of the data, checked on seeded
// random programmes: monotone in h, duals equal to its derivatives, and
// invariance under the scalings the solver applies internally.
import Testing

@Suite("Properties of the optimal cost")
struct PropertyTests {
    @Test func optimalCostIsMonotoneInEachLowerBound() throws {
        // Asking more of a row never makes the plan cheaper, and once a row
        // cannot be met, asking even more cannot be met either.
        var rng = SeededGenerator(seed: 0x0D0_0001)
        for trial in 0..<30 {
            let p = randomProgram(n: 6, m: 3, feasible: true, &rng)
            for i in 0..<p.m {
                var q = p
                var previous = -Double.infinity
                var wasInfeasible = false
                let step = 0.08 * (1 + abs(p.h[i]))
                for _ in 0..<12 {
                    let s = try solve(q)
                    if wasInfeasible {
                        #expect(s.status == .infeasible, "trial \(trial) row \(i): feasible again")
                    } else if s.status == .infeasible {
                        wasInfeasible = true
                    } else {
                        #expect(s.status == .optimal)
                        #expect(
                            s.objective >= previous - 1e-7 * (1 + abs(previous)),
                            "trial \(trial) row \(i): \(s.objective) < \(previous)")
                        previous = s.objective
                    }
                    q.h[i] += step
                }
            }
        }
    }

    @Test func shortfallGrowsWithTheLowerBound() throws {
        // Beyond feasibility the total shortfall grows by exactly the extra
        // asked of a row that is already short.
        let p = DenseProgram(c: [1, 2], g: [[1, 1], [1, -1]], h: [2.5, 0], u: [1, 1])
        let first = try solve(p)
        var q = p
        q.h[0] += 0.25
        let second = try solve(q)
        #expect(first.status == .infeasible && second.status == .infeasible)
        expectClose(
            second.shortfalls.reduce(0, +) - first.shortfalls.reduce(0, +), 0.25,
            relative: 1e-6, "extra shortfall")
    }

    @Test func dualsAreDerivativesOfTheOptimalCost() throws {
        // y_i = d(cost)/d(h_i) where the cost is differentiable (no kink within
        // ±ε, detected by equal forward and backward differences); at a kink
        // y_i still lies between the one-sided differences.
        var rng = SeededGenerator(seed: 0x0D0_0002)
        let solver = InteriorPointSolver(tolerance: 1e-11)
        let epsilon = 1e-4
        var compared = 0
        var bindingCompared = 0
        for trial in 0..<40 {
            let p = randomProgram(n: 8, m: 3, feasible: true, &rng)
            let base = try solve(p, solver)
            #expect(base.status == .optimal)
            for i in 0..<p.m {
                var up = p
                up.h[i] += epsilon
                var down = p
                down.h[i] -= epsilon
                let upper = try solve(up, solver)
                let lower = try solve(down, solver)
                guard upper.status == .optimal, lower.status == .optimal else { continue }
                let forward = (upper.objective - base.objective) / epsilon
                let backward = (base.objective - lower.objective) / epsilon
                let y = base.duals[i]
                #expect(
                    y >= min(forward, backward) - 1e-4 && y <= max(forward, backward) + 1e-4,
                    "trial \(trial) row \(i): y = \(y), differences [\(backward), \(forward)]")
                if abs(forward - backward) <= 1e-6 * (1 + abs(forward)) {
                    compared += 1
                    if y > 1e-3 { bindingCompared += 1 }
                    #expect(
                        abs(y - (forward + backward) / 2) <= 1e-4 * (1 + abs(y)),
                        "trial \(trial) row \(i): y = \(y), finite difference \((forward + backward) / 2)")
                }
            }
        }
        // Most rows are away from kinks, and a fair share of them bind.
        #expect(compared >= 100, "\(compared) rows compared")
        #expect(bindingCompared >= 20, "\(bindingCompared) binding rows compared")
    }

    @Test func invariantUnderRowColumnAndCostScaling() throws {
        var rng = SeededGenerator(seed: 0x0D0_0003)
        for trial in 0..<20 {
            let p = randomProgram(n: 7, m: 4, feasible: true, &rng)
            let s = try solve(p)
            #expect(s.status == .optimal)
            for factor in [1e-3, 1e3, 1e6] {
                // Row 0 in other units: G₀ → κG₀, h₀ → κh₀; then y₀ → y₀/κ.
                var rows = p
                rows.g[0] = p.g[0].map { $0 * factor }
                rows.h[0] *= factor
                let r = try solve(rows)
                expectClose(r.x, s.x, relative: 1e-6, "trial \(trial) row scaling x")
                expectClose(r.duals[0] * factor, s.duals[0], relative: 1e-6, "trial \(trial) y₀")
                // Variable 0 in other units: x₀ = κx₀', so c₀ → κc₀, G·₀ → κG·₀, u₀ → u₀/κ.
                var columns = p
                columns.c[0] *= factor
                for i in 0..<p.m { columns.g[i][0] *= factor }
                columns.u[0] /= factor
                let c = try solve(columns)
                expectClose(c.x[0] * factor, s.x[0], relative: 1e-6, "trial \(trial) x₀")
                expectClose(c.duals, s.duals, relative: 1e-6, "trial \(trial) column scaling y")
                expectClose(c.objective, s.objective, relative: 1e-6, "trial \(trial) column scaling cost")
                // Money in other units: c → κc, so cost and every y scale by κ.
                var money = p
                money.c = p.c.map { $0 * factor }
                let k = try solve(money)
                expectClose(k.objective / factor, s.objective, relative: 1e-6, "trial \(trial) cost")
                expectClose(k.duals.map { $0 / factor }, s.duals, relative: 1e-6, "trial \(trial) cost scaling y")
            }
        }
    }
}
