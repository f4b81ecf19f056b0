internal import CLAPACKE

/// Solution of a (possibly multi-right-hand-side) least-squares problem.
public struct LeastSquaresSolution: Sendable, Equatable {
    /// The n×k solution X; column j solves the problem for column j of B.
    public let solution: Matrix
    /// `‖A·xⱼ − bⱼ‖₂²` for each right-hand side j (length k). Zero when
    /// m ≤ n (a full-rank underdetermined system is solved exactly).
    public let residualSumOfSquares: [Double]
}

/// Solves `min ‖A·X − B‖₂` column by column for a full-rank m×n matrix A
/// (LAPACK `dgels`, `trans = 'N'`):
///
/// - m ≥ n (overdetermined): the least-squares solution
///   `X = argmin ‖A·X − B‖_F`, via `A = Q·R`; the residual sum of squares of
///   column j is `Σᵢ₌ₙ^{m−1} (Qᵀbⱼ)ᵢ²`.
/// - m < n (underdetermined): the minimum-norm solution of `A·X = B`, via
///   `A = L·Q`; the residual is zero.
///
/// - Parameters:
///   - a: m×n (m, n ≥ 0), finite, of full rank `min(m, n)`.
///   - b: m×k (k ≥ 0), finite.
/// - Returns: the n×k solution and the k residual sums of squares.
/// - Throws: `.dimensionMismatch` if `b.rows != a.rows`;
///   `.nonFiniteInput("A")`/`("B")`; `.rankDeficient(diagonalIndex: i)` if
///   diagonal element i (1-based) of R (or L) is exactly zero (`dgels`'s
///   `info > 0`). `dgels` detects only exact rank deficiency; a nearly
///   rank-deficient A yields a large, ill-conditioned solution instead.
public func leastSquares(_ a: Matrix, _ b: Matrix) throws(LinearAlgebraError) -> LeastSquaresSolution {
    let m = a.rows
    let n = a.columns
    let k = b.columns
    guard b.rows == m else {
        throw .dimensionMismatch("leastSquares: A is \(m)×\(n), B is \(b.rows)×\(k)")
    }
    try requireFinite(a, "A")
    try requireFinite(b, "B")

    // Degenerate shapes are answered directly (LAPACK would return at once
    // without checking anything).
    if k == 0 {
        return LeastSquaresSolution(solution: Matrix(rows: n, columns: 0), residualSumOfSquares: [])
    }
    if n == 0 || m == 0 {
        // No unknowns: X is n×k empty and the residual is B itself;
        // no equations: the minimum-norm solution is zero.
        let rss = (0..<k).map { j in b.column(j).reduce(0) { $0 + $1 * $1 } }
        return LeastSquaresSolution(solution: Matrix(rows: n, columns: k), residualSumOfSquares: rss)
    }

    // dgels needs B in an ldb×k array with ldb = max(m, n): the first m rows
    // hold B on entry, the first n rows hold X on exit.
    let ldb = max(m, n)
    var work = [Double](repeating: 0, count: ldb * k)
    for j in 0..<k {
        for i in 0..<m { work[i + j * ldb] = b.storage[i + j * m] }
    }
    var factors = a.storage
    let info = LAPACKE_dgels(
        columnMajorLayout, lapackChar("N"),
        try lapackInt(m), try lapackInt(n), try lapackInt(k),
        &factors, try lapackInt(m), &work, try lapackInt(ldb))
    if info < 0 { throw negativeInfoError(info, routine: "dgels") }
    if info > 0 { throw .rankDeficient(diagonalIndex: Int(info)) }

    var solution = Matrix(rows: n, columns: k)
    var rss = [Double](repeating: 0, count: k)
    for j in 0..<k {
        for i in 0..<n { solution.storage[i + j * n] = work[i + j * ldb] }
        if m > n {
            for i in n..<m { rss[j] += work[i + j * ldb] * work[i + j * ldb] }
        }
    }
    return LeastSquaresSolution(solution: solution, residualSumOfSquares: rss)
}

/// Solves `min ‖A·x − b‖₂` for one right-hand side (`dgels`); see
/// `leastSquares(_:_:)` for matrices for the method, shapes and errors.
///
/// - Parameters: `a` m×n full rank, finite; `b` length m, finite.
/// - Returns: `x` (length n) and `‖A·x − b‖₂²` (zero when m ≤ n).
public func leastSquares(_ a: Matrix, _ b: [Double]) throws(LinearAlgebraError)
    -> (solution: [Double], residualSumOfSquares: Double)
{
    guard b.count == a.rows else {
        throw .dimensionMismatch("leastSquares: A is \(a.rows)×\(a.columns), b has \(b.count) elements")
    }
    let result = try leastSquares(a, Matrix(uncheckedRows: b.count, columns: 1, storage: b))
    return (result.solution.storage, result.residualSumOfSquares[0])
}
