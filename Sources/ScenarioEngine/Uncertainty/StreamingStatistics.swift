import EmissionInventory
import Foundation
import LinearAlgebra

/// One quantile of a stream of numbers in constant memory: the P² algorithm (Jain and
/// Chlamtac, "The P² algorithm for dynamic calculation of quantiles and histograms without
/// storing observations", CACM 28(10), 1985).
///
/// Five markers track the minimum, the p/2, p and (1+p)/2 quantiles and the maximum; each
/// new value moves the markers' positions by one and adjusts their heights with a
/// piecewise-parabolic formula. With up to five values the quantile is exact (linear
/// interpolation between order statistics, as `exactQuantile`). The estimate depends on the
/// order of the values: `emis uncertainty` feeds them in draw order.
struct P2Quantile: Sendable {
    let p: Double
    private var heights: [Double] = []
    private var positions: [Double] = [1, 2, 3, 4, 5]
    private var desired: [Double]
    private let increments: [Double]
    private(set) var count = 0

    init(_ p: Double) {
        self.p = p
        desired = [1, 1 + 2 * p, 1 + 4 * p, 3 + 2 * p, 5]
        increments = [0, p / 2, p, (1 + p) / 2, 1]
    }

    mutating func add(_ x: Double) {
        count += 1
        if count <= 5 {
            heights.append(x)
            if count == 5 { heights.sort() }
            return
        }
        let k: Int
        if x < heights[0] {
            heights[0] = x
            k = 0
        } else if x < heights[1] {
            k = 0
        } else if x < heights[2] {
            k = 1
        } else if x < heights[3] {
            k = 2
        } else if x <= heights[4] {
            k = 3
        } else {
            heights[4] = x
            k = 3
        }
        for i in (k + 1)..<5 { positions[i] += 1 }
        for i in 0..<5 { desired[i] += increments[i] }
        for i in 1...3 {
            let d = desired[i] - positions[i]
            if (d >= 1 && positions[i + 1] - positions[i] > 1) || (d <= -1 && positions[i - 1] - positions[i] < -1) {
                let step: Double = d >= 0 ? 1 : -1
                let candidate = parabolic(i, step)
                if heights[i - 1] < candidate && candidate < heights[i + 1] {
                    heights[i] = candidate
                } else {
                    let j = i + Int(step)
                    heights[i] += step * (heights[j] - heights[i]) / (positions[j] - positions[i])
                }
                positions[i] += step
            }
        }
    }

    private func parabolic(_ i: Int, _ d: Double) -> Double {
        let (n0, n1, n2) = (positions[i - 1], positions[i], positions[i + 1])
        let (q0, q1, q2) = (heights[i - 1], heights[i], heights[i + 1])
        return q1 + d / (n2 - n0) * ((n1 - n0 + d) * (q2 - q1) / (n2 - n1) + (n2 - n1 - d) * (q1 - q0) / (n1 - n0))
    }

    /// The estimate (NaN before any value).
    var value: Double {
        if count == 0 { return .nan }
        if count <= 5 { return exactQuantile(heights.sorted(), p) }
        return heights[2]
    }
}

/// The p-quantile of sorted values, interpolating linearly between order statistics
/// (Hyndman and Fan's type 7, the default of R and NumPy).
func exactQuantile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    let h = Double(sorted.count - 1) * p
    let lower = Int(h.rounded(.down))
    let upper = min(sorted.count - 1, lower + 1)
    return sorted[lower] + (h - Double(lower)) * (sorted[upper] - sorted[lower])
}

/// The mean and the 5, 50 and 95 % points of a stream, in constant memory.
struct BandStatistics: Sendable {
    private var sum = CompensatedSum()
    private var quantiles = [P2Quantile(0.05), P2Quantile(0.5), P2Quantile(0.95)]
    private(set) var count = 0

    mutating func add(_ x: Double) {
        count += 1
        sum.add(x)
        for i in quantiles.indices { quantiles[i].add(x) }
    }

    var mean: Double { count == 0 ? .nan : sum.value / Double(count) }
    var p5: Double { quantiles[0].value }
    var p50: Double { quantiles[1].value }
    var p95: Double { quantiles[2].value }
}

/// Ranks from 1, ties given their average rank.
func averageRanks(_ values: [Double]) -> [Double] {
    let order = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
    var ranks = [Double](repeating: 0, count: values.count)
    var i = 0
    while i < order.count {
        var j = i
        while j + 1 < order.count && values[order[j + 1]] == values[order[i]] { j += 1 }
        let rank = Double(i + j) / 2 + 1
        for k in i...j { ranks[order[k]] = rank }
        i = j + 1
    }
    return ranks
}

/// Pearson's correlation of two equally long series; 0 when either is constant.
func correlation(_ a: [Double], _ b: [Double]) -> Double {
    let n = Double(a.count)
    guard a.count > 1 else { return 0 }
    let ma = a.reduce(0, +) / n
    let mb = b.reduce(0, +) / n
    var sab = 0.0
    var saa = 0.0
    var sbb = 0.0
    for i in a.indices {
        let (da, db) = (a[i] - ma, b[i] - mb)
        sab += da * db
        saa += da * da
        sbb += db * db
    }
    guard saa > 0, sbb > 0 else { return 0 }
    return max(-1, min(1, sab / (saa * sbb).squareRoot()))
}

/// Standardised rank regression coefficients: the least-squares fit of the standardised
/// ranks of `y` on the standardised ranks of each column of `x`, β = R⁻¹·r, where R is the
/// factors' rank correlation matrix and r their rank correlations with y (the normal
/// equations of standardised variables), solved by Cholesky (LAPACK `dpotrf`, f×f). nil when
/// the fit is not determined: fewer draws than factors and one, a constant y, or factors
/// that cannot be told apart (R not positive definite). Each coefficient squared is the share
/// of the variance of y's ranks the factor explains when the factors are independent.
///
/// The sums are this file's loops, in draw order, and only the small f×f system goes to
/// LAPACK, so the coefficients are the same bits whatever `OPENBLAS_NUM_THREADS` is (tested
/// with 1 and 4 threads; a QR of the draws × factors matrix with `dgels` was not: its
/// blocked updates go through OpenBLAS's threaded GEMM).
/// The arguments are the ranks (`averageRanks`) of the factors and of y.
func standardizedRankRegression(ranks x: [[Double]], _ y: [Double]) -> [Double]? {
    let f = x.count
    let n = y.count
    guard f > 0, n > f + 1, y.contains(where: { $0 != y[0] }) else { return nil }
    var r = [Double](repeating: 1, count: f * f)
    for a in 0..<f {
        for b in 0..<a {
            let value = correlation(x[a], x[b])
            r[a * f + b] = value
            r[b * f + a] = value
        }
    }
    let rhs = x.map { correlation($0, y) }
    guard let matrix = try? Matrix(rows: f, columns: f, columnMajor: r),
        let factor = try? CholeskyFactorization(matrix),
        let beta = try? factor.solve(rhs)
    else { return nil }
    return beta.allSatisfy(\.isFinite) ? beta : nil
}
