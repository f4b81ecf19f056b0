import EmisTestSupport
import LinearAlgebra
import LinearProgramming
// Seeded random programmes checked against the independent reference solvers
// of ReferenceSolvers.swift: brute-force vertex enumeration for tiny ones and
// a Bland's-rule simplex for mid-size ones. Objectives must agree to 1e-6
// relative, and so must the verdict feasible/infeasible.
import Testing

@Suite("Cross-checks against independent solvers")
struct CrossCheckTests {
    @Test func smallRandomProgrammesAgainstVertexEnumeration() throws {
        var rng = SeededGenerator(seed: 0x5EED_0001)
        var infeasibleCount = 0
        for trial in 0..<300 {
            let n = rng.integer(1...4)
            let m = rng.integer(1...3)
            // Half the programmes feasible by construction, half with random h
            // (feasible or not).
            let p = randomProgram(n: n, m: m, feasible: trial % 2 == 0, &rng)
            let s = try solve(p)
            let reference = vertexEnumeration(p)
            switch reference {
            case .optimal(let objective):
                expectClose(s.objective, objective, relative: 1e-6, "trial \(trial) n=\(n) m=\(m)")
                expectCertifiedOptimal(p, s, tolerance: 1e-6, "trial \(trial)")
            case .infeasible:
                infeasibleCount += 1
                #expect(s.status == .infeasible, "trial \(trial): status \(s.status)")
                expectCompromiseConsistent(p, s)
                let elastic = vertexEnumeration(elasticProgram(p))
                expectClose(
                    s.shortfalls.reduce(0, +), elastic.objective ?? .nan, relative: 1e-6,
                    "trial \(trial) total shortfall")
            }
        }
        // The generator must exercise both verdicts.
        #expect(infeasibleCount >= 20 && infeasibleCount <= 150, "\(infeasibleCount) infeasible")
    }

    @Test func midSizeRandomProgrammesAgainstBlandSimplex() throws {
        var rng = SeededGenerator(seed: 0x5EED_0002)
        var infeasibleCount = 0
        for trial in 0..<40 {
            var p = randomProgram(n: 30, m: 5, feasible: true, &rng)
            if trial % 4 == 3 {
                // Make every fourth programme infeasible: two rows asking
                // r·x ≥ t + δ and r·x ≤ t (the total shortfall is δ).
                let r = (0..<p.n).map { _ in rng.uniform(-1, 1) }
                let t = rng.uniform(-1, 1)
                p.g.append(r)
                p.h.append(t + rng.uniform(0.05, 0.5))
                p.g.append(r.map { -$0 })
                p.h.append(-t)
            }
            let s = try solve(p)
            let reference = BlandSimplex().solve(p).outcome
            switch reference {
            case .optimal(let objective):
                expectClose(s.objective, objective, relative: 1e-6, "trial \(trial)")
                expectCertifiedOptimal(p, s, tolerance: 1e-6, "trial \(trial)")
            case .infeasible:
                infeasibleCount += 1
                #expect(s.status == .infeasible, "trial \(trial): status \(s.status)")
                expectCompromiseConsistent(p, s)
                let elastic = BlandSimplex().solve(elasticProgram(p)).outcome
                expectClose(
                    s.shortfalls.reduce(0, +), elastic.objective ?? .nan, relative: 1e-6,
                    "trial \(trial) total shortfall")
            }
        }
        #expect(infeasibleCount >= 10, "\(infeasibleCount) infeasible")
    }

    @Test func adoptionShapedProgrammesAgainstBlandSimplex() throws {
        // The optimiser's shape: nonnegative costs and reductions, u = 1, targets
        // a fraction of what full adoption gives (some rows with a negative
        // side effect, like the CO2 of electric heating).
        var rng = SeededGenerator(seed: 0x5EED_0003)
        for trial in 0..<30 {
            let n = 40
            let m = 4
            let c = (0..<n).map { _ in rng.uniform(0.1, 10) }
            var g = (0..<m).map { _ in (0..<n).map { _ in rng.uniform(0, 1000) } }
            g[m - 1] = (0..<n).map { _ in rng.uniform(-50, 100) }
            let h = g.map { row in row.reduce(0, +) * rng.uniform(0.2, 0.7) }
            let p = DenseProgram(c: c, g: g, h: h, u: [Double](repeating: 1, count: n))
            let s = try solve(p)
            let reference = BlandSimplex().solve(p).outcome
            expectClose(s.objective, reference.objective ?? .nan, relative: 1e-6, "trial \(trial)")
            expectCertifiedOptimal(p, s, tolerance: 1e-6, "trial \(trial)")
        }
    }

    @Test func referenceSolversAgreeWithEachOther() throws {
        // The two references on the same tiny programmes (a check of the checks).
        var rng = SeededGenerator(seed: 0x5EED_0004)
        for trial in 0..<100 {
            let p = randomProgram(n: rng.integer(1...3), m: rng.integer(1...3), feasible: trial % 2 == 0, &rng)
            let enumeration = vertexEnumeration(p)
            let simplex = BlandSimplex().solve(p).outcome
            switch (enumeration, simplex) {
            case (.optimal(let a), .optimal(let b)):
                expectClose(a, b, relative: 1e-9, "trial \(trial)")
            case (.infeasible, .infeasible):
                break
            default:
                Issue.record("trial \(trial): enumeration \(enumeration), simplex \(simplex)")
            }
        }
    }
}
