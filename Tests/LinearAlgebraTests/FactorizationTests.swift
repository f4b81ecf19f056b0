import LinearAlgebra
// Hand-computed small cases with exact answers, and the error paths: every
// input-dependent failure must be a typed LinearAlgebraError, never a crash.
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite("Factorizations: hand-computed cases")
struct HandComputedTests {
    @Test func cholesky2x2() throws {
        // [[4, 2], [2, 3]] = L·Lᵀ with L = [[2, 0], [1, √2]]; det = 8.
        let a = try Matrix(rows: [[4, 2], [2, 3]])
        let cholesky = try CholeskyFactorization(a)
        expectClose(cholesky.lower, try Matrix(rows: [[2, 0], [1, 2.0.squareRoot()]]), tolerance: 1e-15)
        #expect(abs(cholesky.logDeterminant - log(8.0)) <= 1e-15 * log(8.0))
        expectClose(try cholesky.solve([2, 1]), [0.5, 0], tolerance: 1e-15)
        // Two right-hand sides: [2, 1] → [0.5, 0] and [6, 5] → [1, 1].
        let x = try cholesky.solve(try Matrix(rows: [[2, 6], [1, 5]]))
        expectClose(x, try Matrix(rows: [[0.5, 1], [0, 1]]), tolerance: 1e-15)
        #expect(cholesky.order == 2)
        #expect(cholesky.oneNorm == 6)
    }

    @Test func choleskyReadsOnlyTheLowerTriangle() throws {
        // The strictly upper triangle is ignored (LAPACK convention), even if
        // it holds garbage such as NaN.
        let a = try Matrix(rows: [[4, .nan], [2, 3]])
        let cholesky = try CholeskyFactorization(a)
        expectClose(try cholesky.solve([2, 1]), [0.5, 0], tolerance: 1e-15)
    }

    @Test func choleskyConditionOfDiagonalMatrix() throws {
        // κ₁(diag(1, 1e-8)) = 1e8 exactly; the estimator is exact for a diagonal.
        let cholesky = try CholeskyFactorization(Matrix.diagonal([1, 1e-8]))
        #expect(abs(try cholesky.reciprocalCondition() - 1e-8) <= 1e-8 * 1e-12)
        #expect(try CholeskyFactorization(Matrix.identity(4)).reciprocalCondition() == 1)
    }

    @Test func luSolve3x3() throws {
        // A·(1, 2, 3) = (14, 14, 17) and Aᵀ·(1, 2, 3) = (16, 22, 11); det A = 1.
        let a = try Matrix(rows: [[1, 2, 3], [0, 1, 4], [5, 6, 0]])
        let lu = try LUFactorization(a)
        expectClose(try lu.solve([14, 14, 17]), [1, 2, 3], tolerance: 1e-13)
        expectClose(try lu.solve([16, 22, 11], transpose: .transpose), [1, 2, 3], tolerance: 1e-13)
        expectClose(try solve(a, [14, 14, 17]), [1, 2, 3], tolerance: 1e-13)
    }

    @Test func generalSolve2x2() throws {
        // [[2, 1], [1, 3]]·(0.8, 1.4) = (3, 5).
        let a = try Matrix(rows: [[2, 1], [1, 3]])
        expectClose(try solve(a, [3, 5]), [0.8, 1.4], tolerance: 1e-15)
    }

    @Test func luConditionOfDiagonalMatrix() throws {
        // ‖diag(2, 4)‖₁ = 4, ‖diag(1/2, 1/4)‖₁ = 1/2, so rcond = 1/2.
        let lu = try LUFactorization(Matrix.diagonal([2, 4]))
        #expect(abs(try lu.reciprocalCondition() - 0.5) <= 1e-15)
    }

    @Test func leastSquaresOverdetermined() throws {
        // Normal equations [[2, 1], [1, 2]]·x = (1, 1) give x = (1/3, 1/3);
        // residual (−2/3, −2/3, 2/3), so RSS = 4/3.
        let a = try Matrix(rows: [[1, 0], [0, 1], [1, 1]])
        let result = try leastSquares(a, [1, 1, 0])
        expectClose(result.solution, [1.0 / 3, 1.0 / 3], tolerance: 1e-15)
        #expect(abs(result.residualSumOfSquares - 4.0 / 3) <= 1e-15)
    }

    @Test func leastSquaresMinimumNorm() throws {
        // x₁ + x₂ = 2 has minimum-norm solution (1, 1);
        // {x₁ = 1, x₂ + x₃ = 2} has (1, 1, 1).
        let single = try leastSquares(try Matrix(rows: [[1, 1]]), [2])
        expectClose(single.solution, [1, 1], tolerance: 1e-15)
        #expect(single.residualSumOfSquares == 0)
        let pair = try leastSquares(try Matrix(rows: [[1, 0, 0], [0, 1, 1]]), [1, 2])
        expectClose(pair.solution, [1, 1, 1], tolerance: 1e-15)
    }

    @Test func emptySystems() throws {
        let empty = Matrix(rows: 0, columns: 0)
        #expect(try solve(empty, []) == [])
        #expect(try CholeskyFactorization(empty).solve([]) == [])
        #expect(try CholeskyFactorization(empty).logDeterminant == 0)
        #expect(try LUFactorization(empty).solve([]) == [])
        // No unknowns: the residual is b itself.
        let noUnknowns = try leastSquares(Matrix(rows: 2, columns: 0), [3, 4])
        #expect(noUnknowns.solution == [])
        #expect(noUnknowns.residualSumOfSquares == 25)
        // No right-hand side: still checks singularity.
        #expect(throws: LinearAlgebraError.singular(pivot: 2)) {
            try solve(try Matrix(rows: [[1, 2], [2, 4]]), Matrix(rows: 2, columns: 0))
        }
    }
}

@Suite("Factorizations: error cases")
struct FactorizationErrorTests {
    @Test(arguments: [
        ([[1.0, 2], [2, 1]], 2),  // eigenvalues 3, −1: fails at order 2
        ([[-1.0]], 1),
        ([[0.0, 0], [0, 1]], 1),
        ([[1.0, 0, 0], [0, 1, 0], [0, 0, -1]], 3),
        ([[4.0, 2, 0], [2, 1, 0], [0, 0, 5]], 2),  // singular PSD leading 2×2 block
    ])
    func notPositiveDefiniteReportsLeadingMinor(rows: [[Double]], minor: Int) throws {
        let a = try Matrix(rows: rows)
        #expect(throws: LinearAlgebraError.notPositiveDefinite(leadingMinor: minor)) {
            try CholeskyFactorization(a)
        }
    }

    @Test func singularMatrixReportsPivot() throws {
        // Partial pivoting swaps the rows, then U(2,2) = 2 − 0.5·4 = 0 exactly.
        let a = try Matrix(rows: [[1, 2], [2, 4]])
        #expect(throws: LinearAlgebraError.singular(pivot: 2)) { try solve(a, [1, 2]) }
        #expect(throws: LinearAlgebraError.singular(pivot: 2)) { try LUFactorization(a) }
        // A zero first column: U(1,1) = 0.
        let b = try Matrix(rows: [[0, 1], [0, 2]])
        #expect(throws: LinearAlgebraError.singular(pivot: 1)) { try solve(b, [1, 2]) }
    }

    @Test func rankDeficientLeastSquares() throws {
        // Column 2 = 2·column 1 = (2, 0, 0): R(2,2) is exactly zero.
        let a = try Matrix(rows: [[1, 2], [0, 0], [0, 0]])
        #expect(throws: LinearAlgebraError.rankDeficient(diagonalIndex: 2)) {
            try leastSquares(a, [1, 2, 3])
        }
        // A zero first column: R(1,1) = 0.
        let b = try Matrix(rows: [[0, 1], [0, 2], [0, 3]])
        #expect(throws: LinearAlgebraError.rankDeficient(diagonalIndex: 1)) {
            try leastSquares(b, [1, 2, 3])
        }
    }

    @Test func dimensionMismatchesThrow() throws {
        let square = try Matrix(rows: [[4, 2], [2, 3]])
        let wide = try Matrix(rows: [[1, 2, 3], [4, 5, 6]])
        #expect(throws: LinearAlgebraError.self) { try solve(square, [1, 2, 3]) }
        #expect(throws: LinearAlgebraError.self) { try solve(wide, [1, 2]) }
        #expect(throws: LinearAlgebraError.self) { try solve(square, Matrix(rows: 3, columns: 1)) }
        #expect(throws: LinearAlgebraError.dimensionMismatch("A must be square, got 2×3")) {
            try CholeskyFactorization(wide)
        }
        #expect(throws: LinearAlgebraError.self) { try LUFactorization(wide) }
        #expect(throws: LinearAlgebraError.self) { try CholeskyFactorization(square).solve([1]) }
        #expect(throws: LinearAlgebraError.self) {
            try CholeskyFactorization(square).solve(Matrix(rows: 3, columns: 2))
        }
        #expect(throws: LinearAlgebraError.self) { try LUFactorization(square).solve([1, 2, 3]) }
        #expect(throws: LinearAlgebraError.self) { try leastSquares(wide, [1, 2, 3]) }
        #expect(throws: LinearAlgebraError.self) { try leastSquares(wide, Matrix(rows: 3, columns: 1)) }
        #expect(throws: LinearAlgebraError.self) { try regularizedCholesky(wide) }
    }

    @Test func nonFiniteInputIsRejected() throws {
        let square = try Matrix(rows: [[4, 2], [2, 3]])
        let withNaN = try Matrix(rows: [[4, 2], [.nan, 3]])
        let withInfinity = try Matrix(rows: [[4, 2], [2, .infinity]])
        #expect(throws: LinearAlgebraError.nonFiniteInput("A")) { try solve(withNaN, [1, 2]) }
        #expect(throws: LinearAlgebraError.nonFiniteInput("B")) { try solve(square, [1, .nan]) }
        #expect(throws: LinearAlgebraError.nonFiniteInput("A")) { try CholeskyFactorization(withInfinity) }
        #expect(throws: LinearAlgebraError.nonFiniteInput("A")) { try LUFactorization(withInfinity) }
        #expect(throws: LinearAlgebraError.nonFiniteInput("B")) {
            try CholeskyFactorization(square).solve([.infinity, 1])
        }
        #expect(throws: LinearAlgebraError.nonFiniteInput("A")) { try leastSquares(withNaN, [1, 2]) }
        #expect(throws: LinearAlgebraError.nonFiniteInput("B")) { try leastSquares(square, [1, .nan]) }
        #expect(throws: LinearAlgebraError.nonFiniteInput("A")) { try regularizedCholesky(withNaN) }
    }

    @Test func errorsHaveReadableDescriptions() {
        #expect(
            LinearAlgebraError.notPositiveDefinite(leadingMinor: 3).description
                == "matrix is not positive definite (leading minor of order 3)")
        #expect(
            LinearAlgebraError.illegalArgument(position: 4, routine: "dgesv").description
                == "dgesv: argument 4 had an illegal value")
    }
}

@Suite("Regularized Cholesky")
struct RegularizedCholeskyTests {
    @Test func positiveDefiniteMatrixNeedsNoShift() throws {
        let a = try Matrix(rows: [[4, 2], [2, 3]])
        let result = try regularizedCholesky(a)
        #expect(result.shift == 0)
        #expect(result.attempts == 1)
        expectClose(try result.factorization.solve([2, 1]), [0.5, 0], tolerance: 1e-15)
    }

    @Test func exactlySingularPSDMatrixGetsTheFirstShift() throws {
        // v·vᵀ with v = (1, 2, 3): rank 1, and dpotrf's Schur complement at
        // order 2 is 4 − 2·2 = 0 exactly, so the unshifted attempt fails.
        let a = try Matrix(rows: [[1, 2, 3], [2, 4, 6], [3, 6, 9]])
        #expect(throws: LinearAlgebraError.notPositiveDefinite(leadingMinor: 2)) {
            try CholeskyFactorization(a)
        }
        let result = try regularizedCholesky(a, initialShift: 1e-8)
        // δ = s · initialShift with s = max diagonal = 9.
        #expect(result.shift == 9 * 1e-8)
        #expect(result.attempts == 2)
        // The factorization is of A + δ·I.
        let l = result.factorization.lower
        var shifted = a
        for i in 0..<3 { shifted[i, i] += result.shift }
        expectClose(try BLAS.gemm(l, l, transposeB: .transpose), shifted, tolerance: 1e-14 * 9)
    }

    @Test func zeroMatrixUsesUnitScale() throws {
        let result = try regularizedCholesky(Matrix(rows: 2, columns: 2), initialShift: 1e-6)
        #expect(result.shift == 1e-6)
        #expect(result.attempts == 2)
    }

    @Test func indefiniteMatrixEventuallyFails() throws {
        // −I needs δ > 1: attempts give δ = 0, 1e-10, 1e-9 and all fail.
        #expect(throws: LinearAlgebraError.notPositiveDefinite(leadingMinor: 1)) {
            try regularizedCholesky(Matrix.diagonal([-1, -1]), maximumAttempts: 3)
        }
        // With enough growth the shift passes 1: δ = 1e-10·1e11 = 10.
        let result = try regularizedCholesky(Matrix.diagonal([-1, -1]), growthFactor: 1e11)
        #expect(result.shift == 1e-10 * 1e11)
        #expect(result.attempts == 3)
        // A shift that would overflow to infinity stops the search with an error.
        #expect(throws: LinearAlgebraError.notPositiveDefinite(leadingMinor: 1)) {
            try regularizedCholesky(Matrix.diagonal([-1e308, -1e308]), growthFactor: 1e11)
        }
    }

    @Test func parametersAreValidated() throws {
        let a = Matrix.identity(2)
        #expect(throws: LinearAlgebraError.self) { try regularizedCholesky(a, initialShift: 0) }
        #expect(throws: LinearAlgebraError.self) { try regularizedCholesky(a, initialShift: .nan) }
        #expect(throws: LinearAlgebraError.self) { try regularizedCholesky(a, growthFactor: 1) }
        #expect(throws: LinearAlgebraError.self) { try regularizedCholesky(a, maximumAttempts: 0) }
        #expect(throws: LinearAlgebraError.self) { try regularizedCholesky(a, minimumPivotRatio: -1) }
    }
}
