import EmisTestSupport
import LinearAlgebra
import LinearProgramming
// Larger programmes of the optimiser's shape (many candidate measures, a few
// targets). The size test only checks the answer; speed is measured by the
// benchmark below, which runs only when asked for (never as part of `swift test`).
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A least-cost programme with n measures and m targets: costs in [0.1, 10),
/// reductions in [0, 1000) except one row with mixed signs (a side effect
/// such as the CO2 of electric heating), targets a fraction in [0.3, 0.6) of
/// what full adoption gives; when `capped`, one more row caps the side effect
/// below its full-adoption value, so that neither x = 0 nor x = 1 is feasible
/// and the feasibility phase runs.
func adoptionProgram(n: Int, m: Int, capped: Bool, seed: UInt64) throws -> (DenseProgram, LinearProgram) {
    var rng = SeededGenerator(seed: seed)
    let c = (0..<n).map { _ in rng.uniform(0.1, 10) }
    var g = (0..<m).map { _ in (0..<n).map { _ in rng.uniform(0, 1000) } }
    g[m - 1] = (0..<n).map { _ in rng.uniform(-50, 100) }
    var h = g.map { row in row.reduce(0, +) * rng.uniform(0.3, 0.6) }
    if capped {
        // −(side effect) ≥ −cap with the cap below full adoption's side effect.
        let sideEffect = g[m - 1].map { -$0 }
        h[m - 1] = g[m - 1].reduce(0) { $0 + max(0, $1) } * 0.1
        g.append(sideEffect)
        h.append(-g[m - 1].reduce(0, +) * 0.5)
    }
    let p = DenseProgram(c: c, g: g, h: h, u: [Double](repeating: 1, count: n))
    var storage = [Double](repeating: 0, count: g.count * n)
    for j in 0..<n {
        for i in 0..<g.count { storage[i + j * g.count] = g[i][j] }
    }
    let lp = try LinearProgram(
        objective: c, constraints: Matrix(rows: g.count, columns: n, columnMajor: storage), lowerBounds: h)
    return (p, lp)
}

@Suite("Size")
struct SizeTests {
    @Test func twoThousandMeasuresTwentyTargets() throws {
        let (p, lp) = try adoptionProgram(n: 2000, m: 20, capped: false, seed: 0x512E)
        let s = InteriorPointSolver().solve(lp)
        expectCertifiedOptimal(p, s, tolerance: 1e-6)
        #expect(s.iterations <= 60, "\(s.iterations) iterations")
    }

    @Test func twoThousandMeasuresWithAFeasibilityPhase() throws {
        let (p, lp) = try adoptionProgram(n: 2000, m: 20, capped: true, seed: 0x512F)
        let s = InteriorPointSolver().solve(lp)
        expectCertifiedOptimal(p, s, tolerance: 1e-6)
        #expect(s.iterations <= 120, "\(s.iterations) iterations")
    }

    @Test func twoThousandRandomVariablesTwentyRows() throws {
        var rng = SeededGenerator(seed: 0x5130)
        let p = randomProgram(n: 2000, m: 20, feasible: true, &rng)
        let s = try solve(p)
        expectCertifiedOptimal(p, s, tolerance: 1e-6)
    }

    /// Benchmark, not a test: n = 10 000 measures, m = 20 (and 50) targets,
    /// 5 seeds × 3 runs each, with and without the feasibility phase. Runs only with
    /// `EMIS_LP_BENCH=1`, e.g.
    /// `EMIS_LP_BENCH=1 OPENBLAS_NUM_THREADS=1 swift test -c release --filter LinearProgrammingTests.SizeTests/benchmark`.
    @Test(.enabled(if: getenv("EMIS_LP_BENCH") != nil))
    func benchmark() throws {
        let clock = ContinuousClock()
        for (rows, capped) in [(20, false), (20, true), (50, false), (50, true)] {
            var seconds: [Double] = []
            var iterations: [Int] = []
            for seed in UInt64(1)...5 {
                let (p, lp) = try adoptionProgram(n: 10_000, m: rows, capped: capped, seed: seed)
                for _ in 0..<3 {
                    var solution: LPSolution?
                    let elapsed = clock.measure { solution = InteriorPointSolver().solve(lp) }
                    guard let s = solution else { continue }
                    expectCertifiedOptimal(p, s, tolerance: 1e-6)
                    seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
                    iterations.append(s.iterations)
                }
            }
            seconds.sort()
            iterations.sort()
            func milliseconds(_ value: Double) -> String { "\((value * 10_000).rounded() / 10) ms" }
            let line =
                "LP benchmark n=10000 m=\(capped ? rows + 1 : rows) \(capped ? "with" : "without") feasibility phase, "
                + "\(seconds.count) runs: median \(milliseconds(seconds[seconds.count / 2])) "
                + "(min \(milliseconds(seconds[0])), max \(milliseconds(seconds[seconds.count - 1]))), "
                + "median iterations \(iterations[iterations.count / 2]) (min \(iterations[0]), max \(iterations[iterations.count - 1]))"
            print(line)
        }
    }
}
