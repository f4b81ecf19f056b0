// Two independent, deliberately simple solvers used as cross-checks: brute-force
// vertex enumeration (tiny programmes) and a dense two-phase tableau simplex
// with Bland's rule (mid-size programmes). Neither shares code with the
// interior-point solver beyond `LinearAlgebra.solve`.
import LinearAlgebra

enum ReferenceOutcome: Equatable {
    case optimal(objective: Double)
    case infeasible

    var objective: Double? {
        if case .optimal(let objective) = self { return objective }
        return nil
    }
}

/// Minimum of cᵀx over the vertices of `{G x ≥ h, 0 ≤ x ≤ u}`: every choice of
/// n constraints among the m + 2n (rows, x_j ≥ 0, x_j ≤ u_j) is solved as
/// equalities with `LinearAlgebra.solve`; feasible solutions are vertices. The
/// polytope is bounded, so it is empty iff no vertex is found.
func vertexEnumeration(_ p: DenseProgram, feasibilityTolerance: Double = 1e-9) -> ReferenceOutcome {
    let n = p.n
    // Every constraint as (a, b) meaning a·x ≥ b.
    var constraints: [([Double], Double)] = []
    for i in 0..<p.m { constraints.append((p.g[i], p.h[i])) }
    for j in 0..<n {
        var unit = [Double](repeating: 0, count: n)
        unit[j] = 1
        constraints.append((unit, 0))
        unit[j] = -1
        constraints.append((unit, -p.u[j]))
    }
    if n == 0 {
        return p.h.allSatisfy { $0 <= feasibilityTolerance } ? .optimal(objective: 0) : .infeasible
    }
    var best: Double?
    for subset in combinations(constraints.count, n) {
        let rows = subset.map { constraints[$0].0 }
        let rhs = subset.map { constraints[$0].1 }
        guard let a = try? Matrix(rows: rows), let x = try? solve(a, rhs) else { continue }
        let feasible = constraints.allSatisfy { constraint in
            let value = zip(constraint.0, x).reduce(0) { $0 + $1.0 * $1.1 }
            return value >= constraint.1 - feasibilityTolerance * (1 + abs(constraint.1))
        }
        guard feasible else { continue }
        let cost = p.cost(x)
        best = min(best ?? cost, cost)
    }
    return best.map { .optimal(objective: $0) } ?? .infeasible
}

/// All k-element subsets of 0..<count, in lexicographic order.
func combinations(_ count: Int, _ k: Int) -> [[Int]] {
    var result: [[Int]] = []
    var current: [Int] = []
    func extend(from start: Int) {
        if current.count == k {
            result.append(current)
            return
        }
        guard start < count else { return }
        for index in start..<count where count - index >= k - current.count {
            current.append(index)
            extend(from: index + 1)
            current.removeLast()
        }
    }
    extend(from: 0)
    return result
}

/// A dense two-phase tableau simplex with Bland's rule (smallest-index
/// entering and leaving variables, which cannot cycle) for
/// `min cᵀx s.t. G x ≥ h, 0 ≤ x ≤ u`, in the standard form
///
///     G x − w = h,  x + t = u,  (x, w, t) ≥ 0,
///
/// with one artificial variable per row (rows with a negative right-hand side
/// negated first). Phase 1 minimises the sum of the artificials; phase 2 the
/// cost, with artificials barred from entering.
struct BlandSimplex {
    var pivotTolerance = 1e-9

    func solve(_ p: DenseProgram) -> (outcome: ReferenceOutcome, x: [Double]) {
        let n = p.n
        let m = p.m
        let rows = m + n
        let structural = n + m + n  // x, w, t
        let columns = structural + rows  // + artificials
        let rhs = columns  // index of the right-hand side
        var tableau = [[Double]](repeating: [Double](repeating: 0, count: columns + 1), count: rows)
        for i in 0..<m {
            for j in 0..<n { tableau[i][j] = p.g[i][j] }
            tableau[i][n + i] = -1
            tableau[i][rhs] = p.h[i]
        }
        for j in 0..<n {
            let r = m + j
            tableau[r][j] = 1
            tableau[r][n + m + j] = 1
            tableau[r][rhs] = p.u[j]
        }
        for r in 0..<rows {
            if tableau[r][rhs] < 0 {
                for k in 0...columns { tableau[r][k] = -tableau[r][k] }
            }
            tableau[r][structural + r] = 1
        }
        var basis = (0..<rows).map { structural + $0 }

        // Phase 1.
        var phase1Cost = [Double](repeating: 0, count: columns)
        for r in 0..<rows { phase1Cost[structural + r] = 1 }
        iterate(&tableau, &basis, cost: phase1Cost, allowed: columns)
        let infeasibility = (0..<rows).reduce(0.0) { $0 + (basis[$1] >= structural ? tableau[$1][rhs] : 0) }
        if infeasibility > 1e-9 * (1 + p.h.reduce(0) { $0 + abs($1) }) {
            return (.infeasible, [])
        }
        // Drive the artificials (at level 0) out of the basis where possible.
        for r in 0..<rows where basis[r] >= structural {
            if let entering = (0..<structural).first(where: { abs(tableau[r][$0]) > pivotTolerance }) {
                pivot(&tableau, &basis, row: r, column: entering)
            }
        }

        // Phase 2.
        var cost = [Double](repeating: 0, count: columns)
        for j in 0..<n { cost[j] = p.c[j] }
        iterate(&tableau, &basis, cost: cost, allowed: structural)
        var x = [Double](repeating: 0, count: n)
        for r in 0..<rows where basis[r] < n { x[basis[r]] = tableau[r][rhs] }
        return (.optimal(objective: p.cost(x)), x)
    }

    private func iterate(_ tableau: inout [[Double]], _ basis: inout [Int], cost: [Double], allowed: Int) {
        let rows = tableau.count
        let rhs = tableau[0].count - 1
        for _ in 0..<100_000 {
            // Bland: the smallest index with a negative reduced cost enters.
            var entering: Int?
            for j in 0..<allowed where !basis.contains(j) {
                var reduced = cost[j]
                for r in 0..<rows { reduced -= cost[basis[r]] * tableau[r][j] }
                if reduced < -pivotTolerance {
                    entering = j
                    break
                }
            }
            guard let column = entering else { return }
            // Ratio test; ties broken by the smallest basic index (Bland).
            var leaving: Int?
            var bestRatio = Double.infinity
            for r in 0..<rows where tableau[r][column] > pivotTolerance {
                let ratio = tableau[r][rhs] / tableau[r][column]
                if ratio < bestRatio - 1e-12 || (abs(ratio - bestRatio) <= 1e-12 && basis[r] < basis[leaving!]) {
                    bestRatio = ratio
                    leaving = r
                }
            }
            guard let row = leaving else { return }  // unbounded: impossible in a box
            pivot(&tableau, &basis, row: row, column: column)
        }
    }

    private func pivot(_ tableau: inout [[Double]], _ basis: inout [Int], row: Int, column: Int) {
        let width = tableau[row].count
        let pivotValue = tableau[row][column]
        for k in 0..<width { tableau[row][k] /= pivotValue }
        for r in tableau.indices where r != row {
            let factor = tableau[r][column]
            if factor != 0 {
                for k in 0..<width { tableau[r][k] -= factor * tableau[row][k] }
            }
        }
        basis[row] = column
    }
}

/// The elastic programme `min Σ s_i s.t. G x + s ≥ h, 0 ≤ x ≤ u, 0 ≤ s ≤ S`
/// (S large enough never to bind), for checking the total shortfall.
func elasticProgram(_ p: DenseProgram) -> DenseProgram {
    var g = p.g
    var c = [Double](repeating: 0, count: p.n)
    var u = p.u
    for i in 0..<p.m {
        for k in 0..<p.m { g[i].append(i == k ? 1 : 0) }
        c.append(1)
        let lowest = p.g[i].enumerated().reduce(0) { $0 + min(0, $1.element * p.u[$1.offset]) }
        u.append(2 * max(0, p.h[i] - lowest) + 1)
    }
    return DenseProgram(c: c, g: g, h: p.h, u: u)
}
