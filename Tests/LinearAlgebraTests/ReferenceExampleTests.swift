import LinearAlgebra
// Published reference examples, reproduced from their printed inputs and
// results (not from their code). The published numbers are printed with two
// decimals (`%6.2f`), so each is within half a unit in the last place,
// 0.005, of the exact result: that is the tolerance used (plus 1e-9 of slack
// for our own rounding).
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Half a unit in the second decimal: the precision of the published tables.
private let twoDecimals = 0.005 + 1e-9

@Suite("Published reference examples")
struct ReferenceExampleTests {

    /// Intel MKL LAPACKE example "LAPACKE_dgesv Example" (files lapacke_dgesv_row.c /
    /// lapacke_dgesv_col.c of the MKL examples; the same data is in Netlib's
    /// LAPACKE example_DGESV_colmajor.c): a 5×5 system with 3 right-hand sides.
    /// Published: the solution, the packed LU factors and the pivot indices.
    @Test func mklDgesvExample() throws {
        let a = try Matrix(rows: [
            [6.80, -6.05, -0.45, 8.32, -9.67],
            [-2.11, -3.30, 2.58, 2.71, -5.14],
            [5.66, 5.36, -2.70, 4.35, -7.26],
            [5.97, -4.44, 0.27, -7.17, 6.08],
            [8.23, 1.08, 9.04, 2.14, -6.87],
        ])
        let b = try Matrix(rows: [
            [4.02, -1.56, 9.81],
            [6.19, 4.00, -4.09],
            [-8.22, -8.67, -4.57],
            [-7.57, 1.75, -8.61],
            [-3.03, 2.86, 8.99],
        ])
        let publishedSolution = try Matrix(rows: [
            [-0.80, -0.39, 0.96],
            [-0.70, -0.55, 0.22],
            [0.59, 0.84, 1.90],
            [1.32, -0.10, 5.36],
            [0.57, 0.11, 4.04],
        ])
        let publishedLU = try Matrix(rows: [
            [8.23, 1.08, 9.04, 2.14, -6.87],
            [0.83, -6.94, -7.92, 6.55, -3.99],
            [0.69, -0.67, -14.18, 7.24, -5.19],
            [0.73, 0.75, 0.02, -13.82, 14.19],
            [-0.26, 0.44, -0.59, -0.34, -3.43],
        ])

        // Driver routine dgesv.
        expectClose(try solve(a, b), publishedSolution, tolerance: twoDecimals)

        // dgetrf + dgetrs give the same answers, and the published factors.
        let lu = try LUFactorization(a)
        #expect(lu.pivots == [5, 5, 3, 4, 5])
        expectClose(lu.packedFactors, publishedLU, tolerance: twoDecimals)
        expectClose(try lu.solve(b), publishedSolution, tolerance: twoDecimals)
        // One column through the vector API.
        expectClose(try solve(a, b.column(2)), publishedSolution.column(2), tolerance: twoDecimals)
    }

    /// Intel MKL LAPACKE example "LAPACKE_dposv Example" (lapacke_dposv_row.c /
    /// _col.c of the MKL examples): a 5×5 symmetric positive definite system with
    /// 3 right-hand sides. Published: the solution and the Cholesky factor U of
    /// A = Uᵀ·U (so our L = Uᵀ).
    @Test func mklDposvExample() throws {
        let a = try Matrix(rows: [
            [3.14, 0.17, -0.90, 1.65, -0.72],
            [0.17, 0.79, 0.83, -0.65, 0.28],
            [-0.90, 0.83, 4.53, -3.70, 1.60],
            [1.65, -0.65, -3.70, 5.32, -1.37],
            [-0.72, 0.28, 1.60, -1.37, 1.98],
        ])
        let b = try Matrix(rows: [
            [-7.29, 6.11, 0.59],
            [9.25, 2.90, 8.88],
            [5.99, -5.05, 7.57],
            [-1.94, -3.80, 5.57],
            [-8.30, 9.66, -1.67],
        ])
        let publishedSolution = try Matrix(rows: [
            [-6.02, 3.95, -3.14],
            [15.62, 4.32, 13.05],
            [3.02, -8.25, 4.91],
            [3.25, -4.83, 6.11],
            [-8.78, 9.04, -3.57],
        ])
        let publishedU = try Matrix(rows: [
            [1.77, 0.10, -0.51, 0.93, -0.41],
            [0.00, 0.88, 0.99, -0.84, 0.36],
            [0.00, 0.00, 1.81, -1.32, 0.57],
            [0.00, 0.00, 0.00, 1.42, 0.05],
            [0.00, 0.00, 0.00, 0.00, 1.16],
        ])

        let cholesky = try CholeskyFactorization(a)
        expectClose(cholesky.lower, publishedU.transposed(), tolerance: twoDecimals)
        expectClose(try cholesky.solve(b), publishedSolution, tolerance: twoDecimals)
        // The general solver agrees on this SPD system.
        expectClose(try solve(a, b), publishedSolution, tolerance: twoDecimals)
        // log det A = 2·Σ log Uᵢᵢ. Each published Uᵢᵢ is within h = 0.005, and
        // |log(u ± h) − log u| ≤ h / (u − h), which bounds the difference.
        let diagonal = publishedU.diagonalElements
        let expectedLogDet = 2 * diagonal.reduce(0) { $0 + log($1) }
        let bound = 2 * diagonal.reduce(0) { $0 + 0.005 / ($1 - 0.005) }
        #expect(abs(cholesky.logDeterminant - expectedLogDet) <= bound)
    }

    /// Intel MKL LAPACKE example "LAPACKE_dgels Example" (lapacke_dgels_row.c /
    /// _col.c of the MKL examples): a 6×4 overdetermined least-squares problem
    /// with 2 right-hand sides. Published: the solution and the residual sum of
    /// squares of each column.
    @Test func mklDgelsExample() throws {
        let a = try Matrix(rows: [
            [1.44, -7.84, -4.39, 4.53],
            [-9.96, -0.28, -3.24, 3.83],
            [-7.55, 3.24, 6.27, -6.64],
            [8.34, 8.09, 5.28, 2.06],
            [7.08, 2.52, 0.74, -2.47],
            [-5.45, -5.70, -1.19, 4.70],
        ])
        let b = try Matrix(rows: [
            [8.58, 9.35],
            [8.26, -4.43],
            [8.48, -0.70],
            [-5.28, -0.26],
            [5.72, -7.36],
            [8.93, -2.52],
        ])
        let publishedSolution = try Matrix(rows: [
            [-0.45, 0.25],
            [-0.85, -0.90],
            [0.71, 0.63],
            [0.13, 0.14],
        ])
        let result = try leastSquares(a, b)
        expectClose(result.solution, publishedSolution, tolerance: twoDecimals)
        expectClose(result.residualSumOfSquares, [195.36, 107.06], tolerance: twoDecimals)

        // The reported residual sum of squares is ‖A·x − b‖² (checked directly).
        for j in 0..<2 {
            var residual = b.column(j)
            try BLAS.gemv(a, result.solution.column(j), into: &residual, alpha: 1, beta: -1)
            let direct = try BLAS.dot(residual, residual)
            #expect(abs(direct - result.residualSumOfSquares[j]) <= 1e-10 * direct)
        }
    }

    /// Netlib LAPACK's LAPACKE example example_DGELS_rowmajor.c (LAPACK 3.10
    /// documentation, "LAPACK Example - Calling DGELS using Row-major Layout"):
    /// a 5×3 least-squares problem with 2 right-hand sides whose published
    /// solution is the exact integer matrix [[2, 1], [1, 1], [1, 2]].
    @Test func netlibDgelsRowMajorExample() throws {
        let a = try Matrix(rows: [[1, 1, 1], [2, 3, 4], [3, 5, 2], [4, 2, 5], [5, 4, 3]])
        let b = try Matrix(rows: [[-10, -3], [12, 14], [14, 12], [16, 16], [18, 16]])
        let result = try leastSquares(a, b)
        expectClose(result.solution, try Matrix(rows: [[2, 1], [1, 1], [1, 2]]), tolerance: 1e-12)
    }
}
