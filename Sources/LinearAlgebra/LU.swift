internal import CLAPACKE

/// The LU factorization with partial pivoting `A = P·L·U` of a square
/// nonsingular n×n matrix (LAPACK `dgetrf`): `P` a permutation, `L` unit lower
/// triangular, `U` upper triangular. Reusable for many right-hand sides
/// (`dgetrs`) and for a condition estimate (`dgecon`).
public struct LUFactorization: Sendable {
    /// The order n of the factored matrix.
    public let order: Int
    /// `dgetrf`'s output: U on and above the diagonal, L's multipliers below.
    internal let factors: [Double]
    /// `dgetrf`'s pivot indices (1-based).
    internal let ipiv: [LAPACKInt]
    /// `‖A‖₁ = maxⱼ Σᵢ |aᵢⱼ|` of the original matrix, kept for `dgecon`.
    public let oneNorm: Double

    /// Factors `A = P·L·U` (`dgetrf`).
    ///
    /// - Parameter a: n×n (n ≥ 0), finite.
    /// - Throws: `.dimensionMismatch` if `a` is not square;
    ///   `.nonFiniteInput("A")`; `.singular(pivot: i)` if `U(i,i)` is exactly
    ///   zero (1-based, `dgetrf`'s `info > 0`).
    public init(_ a: Matrix) throws(LinearAlgebraError) {
        let n = try requireSquare(a, "A")
        try requireFinite(a, "A")
        var columnSums = [Double](repeating: 0, count: n)
        for j in 0..<n {
            for i in 0..<n { columnSums[j] += abs(a.storage[i + j * n]) }
        }
        var factors = a.storage
        var ipiv = [LAPACKInt](repeating: 0, count: n)
        if n > 0 {
            let nInt = try lapackInt(n)
            let info = LAPACKE_dgetrf(columnMajorLayout, nInt, nInt, &factors, nInt, &ipiv)
            if info < 0 { throw negativeInfoError(info, routine: "dgetrf") }
            if info > 0 { throw .singular(pivot: Int(info)) }
        }
        self.order = n
        self.factors = factors
        self.ipiv = ipiv
        self.oneNorm = columnSums.max() ?? 0
    }

    /// `L` and `U` packed in one n×n matrix as LAPACK returns them: `U` on and
    /// above the diagonal, the multipliers of the unit lower triangular `L`
    /// strictly below it (L's unit diagonal is not stored).
    public var packedFactors: Matrix {
        Matrix(uncheckedRows: order, columns: order, storage: factors)
    }

    /// The row interchanges, **1-based** as LAPACK's `ipiv`: during the
    /// factorization row i was interchanged with row `pivots[i - 1]`.
    public var pivots: [Int] { ipiv.map { Int($0) } }

    /// Solves `op(A)·x = b` (`dgetrs`, one right-hand side).
    ///
    /// - Parameters:
    ///   - b: length n, finite.
    ///   - transpose: `.noTranspose` solves `A·x = b`, `.transpose` `Aᵀ·x = b`.
    /// - Throws: `.dimensionMismatch` if `b.count != n`; `.nonFiniteInput("B")`.
    public func solve(_ b: [Double], transpose: Transpose = .noTranspose) throws(LinearAlgebraError) -> [Double] {
        guard b.count == order else {
            throw .dimensionMismatch("LU solve: A is \(order)×\(order), b has \(b.count) elements")
        }
        return try solve(Matrix(uncheckedRows: order, columns: 1, storage: b), transpose: transpose).storage
    }

    /// Solves `op(A)·X = B` for several right-hand sides (`dgetrs`).
    ///
    /// - Parameters:
    ///   - b: n×k (k ≥ 0), finite; columns are the right-hand sides.
    ///   - transpose: `.noTranspose` for `A·X = B`, `.transpose` for `Aᵀ·X = B`.
    /// - Returns: the n×k solution X.
    /// - Throws: `.dimensionMismatch` if `b.rows != n`; `.nonFiniteInput("B")`.
    public func solve(_ b: Matrix, transpose: Transpose = .noTranspose) throws(LinearAlgebraError) -> Matrix {
        guard b.rows == order else {
            throw .dimensionMismatch("LU solve: A is \(order)×\(order), B is \(b.rows)×\(b.columns)")
        }
        try requireFinite(b, "B")
        if order == 0 || b.columns == 0 { return b }
        let n = try lapackInt(order)
        let nrhs = try lapackInt(b.columns)
        var x = b
        let info = LAPACKE_dgetrs(columnMajorLayout, transpose.lapack, n, nrhs, factors, n, ipiv, &x.storage, n)
        if info != 0 { throw negativeInfoError(info, routine: "dgetrs") }
        return x
    }

    /// Estimate of the reciprocal condition number in the 1-norm,
    /// `rcond ≈ 1 / (‖A‖₁·‖A⁻¹‖₁)`, in [0, 1] (`dgecon`, norm `'1'`, with
    /// `‖A‖₁` computed in Swift before factoring). 1 for n = 0.
    public func reciprocalCondition() throws(LinearAlgebraError) -> Double {
        if order == 0 { return 1 }
        let n = try lapackInt(order)
        var rcond = 0.0
        let info = LAPACKE_dgecon(columnMajorLayout, lapackChar("1"), n, factors, n, oneNorm, &rcond)
        if info != 0 { throw negativeInfoError(info, routine: "dgecon") }
        return rcond
    }
}

/// Solves the square system `A·X = B` by LU with partial pivoting (`dgesv`).
///
/// - Parameters:
///   - a: n×n (n ≥ 0), finite.
///   - b: n×k (k ≥ 0), finite; its columns are the right-hand sides.
/// - Returns: the n×k solution `X = A⁻¹·B`.
/// - Throws: `.dimensionMismatch` if `a` is not square or `b.rows != n`;
///   `.nonFiniteInput("A")`/`("B")`; `.singular(pivot: i)` if `U(i,i)` is
///   exactly zero (1-based).
public func solve(_ a: Matrix, _ b: Matrix) throws(LinearAlgebraError) -> Matrix {
    let order = try requireSquare(a, "A")
    guard b.rows == order else {
        throw .dimensionMismatch("solve: A is \(order)×\(order), B is \(b.rows)×\(b.columns)")
    }
    try requireFinite(a, "A")
    try requireFinite(b, "B")
    if order == 0 { return b }
    // With no right-hand side there is nothing to solve, but a singular A is
    // still reported, as dgesv would.
    if b.columns == 0 {
        _ = try LUFactorization(a)
        return b
    }
    let n = try lapackInt(order)
    let nrhs = try lapackInt(b.columns)
    var factors = a.storage
    var ipiv = [LAPACKInt](repeating: 0, count: order)
    var x = b
    let info = LAPACKE_dgesv(columnMajorLayout, n, nrhs, &factors, n, &ipiv, &x.storage, n)
    if info < 0 { throw negativeInfoError(info, routine: "dgesv") }
    if info > 0 { throw .singular(pivot: Int(info)) }
    return x
}

/// Solves the square system `A·x = b` for one right-hand side (`dgesv`).
///
/// - Parameters: `a` n×n finite; `b` length n, finite.
/// - Returns: `x = A⁻¹·b`, length n.
/// - Throws: as `solve(_:_:)` for matrices.
public func solve(_ a: Matrix, _ b: [Double]) throws(LinearAlgebraError) -> [Double] {
    guard b.count == a.rows else {
        throw .dimensionMismatch("solve: A is \(a.rows)×\(a.columns), b has \(b.count) elements")
    }
    return try solve(a, Matrix(uncheckedRows: b.count, columns: 1, storage: b)).storage
}
