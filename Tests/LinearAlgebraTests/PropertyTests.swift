import EmisTestSupport
import LinearAlgebra
// Properties checked on seeded random matrices (SeededGenerator, fixed seeds).
// Tolerances are relative to the natural scale of each quantity, e.g. the
// normwise backward error ‖A·x − b‖ / (‖A‖·‖x‖ + ‖b‖) for solves.
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Normwise backward error of `x` for `A·x = b`, in the ∞-norm.
private func backwardError(_ a: Matrix, _ x: [Double], _ b: [Double]) throws -> Double {
    var residual = b
    try BLAS.gemv(a, x, into: &residual, alpha: 1, beta: -1)
    return maxAbs(residual) / (infinityNorm(a) * maxAbs(x) + maxAbs(b))
}

@Suite("Properties on seeded random matrices")
struct PropertyTests {
    static let sizes = [1, 2, 5, 17, 40]

    @Test(arguments: sizes)
    func generalSolveHasSmallResidual(n: Int) throws {
        var rng = SeededGenerator(seed: 0xA11CE + UInt64(n))
        let a = try randomMatrix(n, n, &rng)
        let b = randomVector(n, &rng)
        let x = try solve(a, b)
        #expect(try backwardError(a, x, b) <= 1e-13)

        // LU factorization, also for Aᵀ·x = b and several right-hand sides.
        let lu = try LUFactorization(a)
        #expect(try backwardError(a, try lu.solve(b), b) <= 1e-13)
        #expect(try backwardError(a.transposed(), try lu.solve(b, transpose: .transpose), b) <= 1e-13)
        let bs = try randomMatrix(n, 3, &rng)
        let xs = try lu.solve(bs)
        for j in 0..<3 {
            #expect(try backwardError(a, xs.column(j), bs.column(j)) <= 1e-13)
        }
    }

    @Test(arguments: sizes)
    func choleskyReconstructsAndSolves(n: Int) throws {
        var rng = SeededGenerator(seed: 0xC401 + UInt64(n))
        let a = try randomSPD(n, &rng)
        let cholesky = try CholeskyFactorization(a)
        let l = cholesky.lower
        // L is lower triangular with a positive diagonal.
        for j in 0..<n {
            #expect(l[j, j] > 0)
            for i in 0..<j { #expect(l[i, j] == 0) }
        }
        // L·Lᵀ = A.
        let product = try BLAS.gemm(l, l, transposeB: .transpose)
        let scale = maxAbs(a.columnMajorElements)
        expectClose(product, a, tolerance: 1e-12 * scale)

        let b = randomVector(n, &rng)
        #expect(try backwardError(a, try cholesky.solve(b), b) <= 1e-13)

        // log det from Cholesky agrees with Σ log|Uᵢᵢ| from LU.
        let u = try LUFactorization(a).packedFactors
        let luLogDet = u.diagonalElements.reduce(0) { $0 + log(abs($1)) }
        #expect(abs(cholesky.logDeterminant - luLogDet) <= 1e-12 * max(1, abs(luLogDet)))
    }

    @Test(arguments: [4, 12, 30])
    func conditionEstimatesBracketTheTrueValue(n: Int) throws {
        // dpocon/dgecon estimate ‖A⁻¹‖₁ from below, so rcond ≥ the true value,
        // and in practice within a small factor of it (allow 10).
        var rng = SeededGenerator(seed: 0xC0DE + UInt64(n))
        let spd = try randomSPD(n, &rng)
        let general = try randomMatrix(n, n, &rng)
        for (matrix, estimate) in [
            (spd, try CholeskyFactorization(spd).reciprocalCondition()),
            (general, try LUFactorization(general).reciprocalCondition()),
        ] {
            let inverse = try solve(matrix, Matrix.identity(n))
            let trueValue = 1 / (oneNorm(matrix) * oneNorm(inverse))
            #expect(estimate >= trueValue * (1 - 1e-10))
            #expect(estimate <= 10 * trueValue)
        }
    }

    @Test(arguments: [(6, 6), (20, 6), (50, 13), (5, 9)])
    func leastSquaresSatisfiesNormalEquations(shape: (Int, Int)) throws {
        let (m, n) = shape
        var rng = SeededGenerator(seed: 0x1EA5 + UInt64(100 * m + n))
        let a = try randomMatrix(m, n, &rng)
        let b = randomVector(m, &rng)
        let (x, rss) = try leastSquares(a, b)
        var residual = b
        try BLAS.gemv(a, x, into: &residual, alpha: 1, beta: -1)  // r = A·x − b
        let normA = infinityNorm(a)
        if m >= n {
            // Optimality: Aᵀ·r = 0, relative to ‖A‖·(‖A‖·‖x‖ + ‖b‖).
            let gradient = try BLAS.gemv(a, residual, transpose: .transpose)
            #expect(maxAbs(gradient) <= 1e-12 * normA * (normA * maxAbs(x) + maxAbs(b)))
            let direct = try BLAS.dot(residual, residual)
            #expect(abs(rss - direct) <= 1e-10 * max(direct, 1e-300) + 1e-24)
        } else {
            // Underdetermined: A·x = b exactly (up to rounding) and x ⟂ null(A),
            // i.e. x lies in the row space: x = Aᵀ·y for y solving A·Aᵀ·y = b.
            #expect(maxAbs(residual) <= 1e-12 * (normA * maxAbs(x) + maxAbs(b)))
            #expect(rss == 0)
            let y = try solve(try BLAS.gemm(a, a, transposeB: .transpose), b)
            let rowSpaceSolution = try BLAS.gemv(a, y, transpose: .transpose)
            expectClose(x, rowSpaceSolution, tolerance: 1e-10 * maxAbs(x))
        }
    }

    @Test func regularizedCholeskyHandlesRandomSingularPSD() throws {
        // A = B·Bᵀ with B 8×3: symmetric PSD of rank 3. Rounding may let dpotrf
        // through with pivots near 1e-16·s, so a relative pivot floor of 1e-12
        // makes "numerically singular" count as a failure, and forces a shift.
        var rng = SeededGenerator(seed: 0x5EED)
        let b = try randomMatrix(8, 3, &rng)
        let a = try BLAS.gemm(b, b, transposeB: .transpose)
        let result = try regularizedCholesky(a, minimumPivotRatio: 1e-12)
        #expect(result.shift > 0)
        #expect(result.attempts >= 2)
        let scale = maxAbs(a.diagonalElements)
        // δ follows the documented schedule s·1e-10·10^(attempts−2).
        let expectedShift = scale * 1e-10 * pow(10, Double(result.attempts - 2))
        #expect(abs(result.shift - expectedShift) <= 1e-12 * expectedShift)
        // The factorization reconstructs A + δ·I.
        let l = result.factorization.lower
        var shifted = a
        for i in 0..<8 { shifted[i, i] += result.shift }
        expectClose(try BLAS.gemm(l, l, transposeB: .transpose), shifted, tolerance: 1e-12 * scale)
        // And solves (A + δI)·x = r accurately.
        let r = randomVector(8, &rng)
        #expect(try backwardError(shifted, try result.factorization.solve(r), r) <= 1e-12)
    }

    @Test func adaTransposeFeedsCholesky() throws {
        // The interior-point pipeline: M = A·D·Aᵀ with D > 0 and A of full row
        // rank is SPD; factor it and solve M·Δy = r.
        var rng = SeededGenerator(seed: 0x1B)
        let a = try randomMatrix(12, 30, &rng)
        let d = (0..<30).map { _ in rng.uniform(1e-3, 1e3) }
        let m = try BLAS.adaTranspose(a, diagonal: d)
        let r = randomVector(12, &rng)
        let solution = try regularizedCholesky(m)
        #expect(solution.shift == 0)
        #expect(try backwardError(m, try solution.factorization.solve(r), r) <= 1e-12)
    }
}

/// ‖A‖₁ = maxⱼ Σᵢ |aᵢⱼ|.
private func oneNorm(_ a: Matrix) -> Double {
    (0..<a.columns).map { a.column($0).reduce(0) { $0 + abs($1) } }.max() ?? 0
}
