import EmisTestSupport
import LinearAlgebra
import LinearProgramming
// Shared helpers for the LinearProgramming tests: a seeded RNG, random
// programmes, an optimality certificate (KKT) check and tolerance helpers.
// No test uses unseeded randomness or timing.
import Testing

/// A dense programme as nested rows, convenient for the reference solvers.
struct DenseProgram {
    var c: [Double]
    var g: [[Double]]
    var h: [Double]
    var u: [Double]

    var n: Int { c.count }
    var m: Int { h.count }

    func linearProgram() throws -> LinearProgram {
        let matrix = m == 0 ? Matrix(rows: 0, columns: n) : try Matrix(rows: g)
        return try LinearProgram(objective: c, constraints: matrix, lowerBounds: h, upperBounds: u)
    }

    func rowValue(_ i: Int, _ x: [Double]) -> Double {
        var sum = 0.0
        for j in 0..<n { sum += g[i][j] * x[j] }
        return sum
    }

    func cost(_ x: [Double]) -> Double {
        zip(c, x).reduce(0) { $0 + $1.0 * $1.1 }
    }
}

/// A random programme: G, c uniform in [−1, 1); u uniform in [0.5, 2);
/// h = G·x₀ − margin for a random x₀ in the box when `feasible` (margin
/// uniform in [0, 0.3)), otherwise h uniform in [−1, 1) (either way).
func randomProgram(n: Int, m: Int, feasible: Bool, _ rng: inout SeededGenerator) -> DenseProgram {
    let u = (0..<n).map { _ in rng.uniform(0.5, 2) }
    let c = (0..<n).map { _ in rng.uniform(-1, 1) }
    let g = (0..<m).map { _ in (0..<n).map { _ in rng.uniform(-1, 1) } }
    var h = [Double](repeating: 0, count: m)
    if feasible {
        let x0 = u.map { rng.uniform(0, $0) }
        for i in 0..<m {
            h[i] = zip(g[i], x0).reduce(0) { $0 + $1.0 * $1.1 } - rng.uniform(0, 0.3)
        }
    } else {
        for i in 0..<m { h[i] = rng.uniform(-1, 1) }
    }
    return DenseProgram(c: c, g: g, h: h, u: u)
}

/// |actual − expected| ≤ tolerance·max(1, |expected|).
func isClose(_ actual: Double, _ expected: Double, relative tolerance: Double) -> Bool {
    abs(actual - expected) <= tolerance * max(1, abs(expected))
}

func expectClose(
    _ actual: Double, _ expected: Double, relative tolerance: Double, _ what: String = "",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(
        isClose(actual, expected, relative: tolerance),
        "\(what) \(actual) vs \(expected), relative tolerance \(tolerance)",
        sourceLocation: sourceLocation)
}

func expectClose(
    _ actual: [Double], _ expected: [Double], relative tolerance: Double, _ what: String = "",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(
        actual.count == expected.count, "\(what) length \(actual.count) vs \(expected.count)",
        sourceLocation: sourceLocation)
    guard actual.count == expected.count else { return }
    for (index, (a, e)) in zip(actual, expected).enumerated() {
        #expect(
            isClose(a, e, relative: tolerance),
            "\(what)[\(index)]: \(a) vs \(e), relative tolerance \(tolerance)",
            sourceLocation: sourceLocation)
    }
}

/// The largest violation of an optimality certificate for `solution`, each
/// measure relative to the scale of its quantities:
///
/// - primal feasibility: `0 ≤ x ≤ u`, `(h − Gx)⁺`;
/// - dual feasibility: `y ≥ 0`, and with the reduced costs `r = c − Gᵀy`,
///   `z = r⁺ ≥ 0`, `v = r⁻ ≥ 0` satisfy `c − Gᵀy − z + v = 0` by construction;
/// - complementary slackness: `y_i·(Gx − h)_i`, `z_j·x_j`, `v_j·(u_j − x_j)`;
/// - strong duality: `cᵀx − (hᵀy − uᵀv)`.
struct Certificate {
    var primalInfeasibility = 0.0
    var negativeDual = 0.0
    var rowComplementarity = 0.0
    var boundComplementarity = 0.0
    var dualityGap = 0.0

    var worst: Double {
        max(primalInfeasibility, negativeDual, rowComplementarity, boundComplementarity, dualityGap)
    }

    init(_ p: DenseProgram, _ s: LPSolution) {
        let x = s.x
        let y = s.duals
        let cScale = 1 + p.c.reduce(0) { max($0, abs($1)) }
        for j in 0..<p.n {
            primalInfeasibility = max(primalInfeasibility, -x[j] / p.u[j], (x[j] - p.u[j]) / p.u[j])
        }
        for i in 0..<p.m {
            let rowScale = 1 + abs(p.h[i]) + p.g[i].enumerated().reduce(0) { $0 + abs($1.element) * p.u[$1.offset] }
            let surplus = p.rowValue(i, x) - p.h[i]
            primalInfeasibility = max(primalInfeasibility, -surplus / rowScale)
            negativeDual = max(negativeDual, -y[i] / cScale)
            rowComplementarity = max(rowComplementarity, abs(y[i] * surplus) / (cScale * rowScale))
        }
        var dualObjective = zip(p.h, y).reduce(0) { $0 + $1.0 * $1.1 }
        for j in 0..<p.n {
            var reduced = p.c[j]
            for i in 0..<p.m { reduced -= p.g[i][j] * y[i] }
            let z = max(reduced, 0)
            let v = max(-reduced, 0)
            dualObjective -= p.u[j] * v
            boundComplementarity = max(
                boundComplementarity,
                z * x[j] / (cScale * p.u[j]), v * (p.u[j] - x[j]) / (cScale * p.u[j]))
        }
        let primalObjective = p.cost(x)
        let objectiveScale =
            1 + abs(primalObjective) + p.c.enumerated().reduce(0) { $0 + abs($1.element) * p.u[$1.offset] }
        dualityGap = abs(primalObjective - dualObjective) / objectiveScale
    }
}

/// Expects `.optimal` and a certificate good to `tolerance`.
func expectCertifiedOptimal(
    _ p: DenseProgram, _ s: LPSolution, tolerance: Double = 1e-7, _ what: String = "",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(s.status == .optimal, "\(what) status \(s.status)", sourceLocation: sourceLocation)
    guard s.status == .optimal else { return }
    let certificate = Certificate(p, s)
    #expect(certificate.worst <= tolerance, "\(what) certificate \(certificate)", sourceLocation: sourceLocation)
    #expect(s.shortfalls.allSatisfy { $0 == 0 }, sourceLocation: sourceLocation)
    #expect(isClose(s.objective, p.cost(s.x), relative: 1e-12), sourceLocation: sourceLocation)
}

func solve(_ p: DenseProgram, _ solver: InteriorPointSolver = InteriorPointSolver()) throws -> LPSolution {
    solver.solve(try p.linearProgram())
}
