internal import COpenBLAS

/// The BLAS kernels used by the engine and the interior-point solver, over
/// OpenBLAS's cblas interface (column-major, unit strides).
///
/// Shapes are checked in Swift before any BLAS call; a mismatch throws
/// `LinearAlgebraError.dimensionMismatch` instead of reaching BLAS's `xerbla`
/// (which would print). Empty operands are handled in Swift (BLAS is not called).
/// The values themselves are not inspected: NaN and infinity propagate with
/// IEEE semantics, so that these hot kernels stay O(data) with no extra pass.
public enum BLAS {

    // MARK: Level 1

    /// Inner product `xᵀy = Σᵢ xᵢ·yᵢ` (`cblas_ddot`).
    ///
    /// - Parameters: `x`, `y`: vectors of the same length `n >= 0`
    ///   (`n = 0` gives 0).
    /// - Throws: `.dimensionMismatch` if the lengths differ,
    ///   `.dimensionTooLarge` if `n > Int32.max`.
    public static func dot(_ x: [Double], _ y: [Double]) throws(LinearAlgebraError) -> Double {
        guard x.count == y.count else {
            throw .dimensionMismatch("dot: x has \(x.count) elements, y has \(y.count)")
        }
        if x.isEmpty { return 0 }
        let n = try blasInt(x.count)
        return cblas_ddot(n, x, 1, y, 1)
    }

    /// `y ← α·x + y` (`cblas_daxpy`).
    ///
    /// - Parameters: `alpha`: any scalar; `x`, `y`: vectors of the same
    ///   length `n >= 0`; `y` is updated in place.
    /// - Throws: `.dimensionMismatch` if the lengths differ,
    ///   `.dimensionTooLarge` if `n > Int32.max`.
    public static func axpy(_ alpha: Double, _ x: [Double], _ y: inout [Double]) throws(LinearAlgebraError) {
        guard x.count == y.count else {
            throw .dimensionMismatch("axpy: x has \(x.count) elements, y has \(y.count)")
        }
        if x.isEmpty { return }
        let n = try blasInt(x.count)
        cblas_daxpy(n, alpha, x, 1, &y, 1)
    }

    /// Euclidean norm `‖x‖₂ = √(Σᵢ xᵢ²)`, computed without intermediate
    /// overflow or underflow (`cblas_dnrm2`). An empty vector gives 0.
    ///
    /// Vectors longer than `Int32.max` are split into chunks whose norms are
    /// combined with a second `dnrm2` call, so this function never fails.
    public static func nrm2(_ x: [Double]) -> Double {
        if x.isEmpty { return 0 }
        let chunk = Int(BLASInt.max)
        if x.count <= chunk {
            return cblas_dnrm2(BLASInt(x.count), x, 1)
        }
        var partial: [Double] = []
        var start = 0
        while start < x.count {
            let end = min(start + chunk, x.count)
            partial.append(
                x[start..<end].withUnsafeBufferPointer { buffer in
                    cblas_dnrm2(BLASInt(buffer.count), buffer.baseAddress, 1)
                })
            start = end
        }
        return cblas_dnrm2(BLASInt(partial.count), partial, 1)
    }

    // MARK: Level 2

    /// Matrix–vector product `y ← α·op(A)·x + β·y` (`cblas_dgemv`), where
    /// `op(A) = A` or `Aᵀ` per `transpose`.
    ///
    /// - Parameters:
    ///   - a: the m×n matrix `A`; `op(A)` is m×n or n×m.
    ///   - x: length `columns(op(A))`.
    ///   - y: length `rows(op(A))`, updated in place. When `beta == 0` its
    ///     previous contents are not read (BLAS convention: NaN in `y` does
    ///     not propagate).
    ///   - alpha, beta: scalars (defaults 1 and 0).
    ///   - transpose: `.noTranspose` (default) or `.transpose`.
    /// - Throws: `.dimensionMismatch`, `.dimensionTooLarge`.
    public static func gemv(
        _ a: Matrix, _ x: [Double], into y: inout [Double],
        alpha: Double = 1, beta: Double = 0, transpose: Transpose = .noTranspose
    ) throws(LinearAlgebraError) {
        let (opRows, opColumns) = transpose == .noTranspose ? (a.rows, a.columns) : (a.columns, a.rows)
        guard x.count == opColumns, y.count == opRows else {
            throw .dimensionMismatch(
                "gemv: op(A) is \(opRows)×\(opColumns), x has \(x.count) elements, y has \(y.count)")
        }
        if opRows == 0 { return }
        if opColumns == 0 {
            scale(&y, by: beta)
            return
        }
        let m = try blasInt(a.rows)
        let n = try blasInt(a.columns)
        let lda = try blasInt(max(1, a.rows))
        cblas_dgemv(CblasColMajor, transpose.cblas, m, n, alpha, a.storage, lda, x, 1, beta, &y, 1)
    }

    /// Matrix–vector product `α·op(A)·x` as a new vector (`cblas_dgemv` with `β = 0`).
    ///
    /// - Parameters: `a` m×n; `x` of length `columns(op(A))`.
    /// - Returns: a vector of length `rows(op(A))`.
    /// - Throws: `.dimensionMismatch`, `.dimensionTooLarge`.
    public static func gemv(
        _ a: Matrix, _ x: [Double], alpha: Double = 1, transpose: Transpose = .noTranspose
    ) throws(LinearAlgebraError) -> [Double] {
        var y = [Double](repeating: 0, count: transpose == .noTranspose ? a.rows : a.columns)
        try gemv(a, x, into: &y, alpha: alpha, beta: 0, transpose: transpose)
        return y
    }

    // MARK: Level 3

    /// Matrix–matrix product `C ← α·op(A)·op(B) + β·C` (`cblas_dgemm`).
    ///
    /// - Parameters:
    ///   - a, b: `op(A)` must be m×k and `op(B)` k×n (any of m, n, k may be 0).
    ///   - c: the m×n matrix `C`, updated in place. When `beta == 0` its
    ///     previous contents are not read.
    ///   - alpha, beta: scalars (defaults 1 and 0).
    ///   - transposeA, transposeB: `op` for each operand (default `.noTranspose`).
    /// - Throws: `.dimensionMismatch`, `.dimensionTooLarge`.
    public static func gemm(
        _ a: Matrix, _ b: Matrix, into c: inout Matrix,
        alpha: Double = 1, beta: Double = 0,
        transposeA: Transpose = .noTranspose, transposeB: Transpose = .noTranspose
    ) throws(LinearAlgebraError) {
        let (m, k) = transposeA == .noTranspose ? (a.rows, a.columns) : (a.columns, a.rows)
        let (kB, n) = transposeB == .noTranspose ? (b.rows, b.columns) : (b.columns, b.rows)
        guard k == kB, c.rows == m, c.columns == n else {
            throw .dimensionMismatch(
                "gemm: op(A) is \(m)×\(k), op(B) is \(kB)×\(n), C is \(c.rows)×\(c.columns)")
        }
        if m == 0 || n == 0 { return }
        if k == 0 {
            scale(&c.storage, by: beta)
            return
        }
        let lda = try blasInt(max(1, a.rows))
        let ldb = try blasInt(max(1, b.rows))
        let ldc = try blasInt(max(1, c.rows))
        cblas_dgemm(
            CblasColMajor, transposeA.cblas, transposeB.cblas,
            try blasInt(m), try blasInt(n), try blasInt(k),
            alpha, a.storage, lda, b.storage, ldb, beta, &c.storage, ldc)
    }

    /// Matrix–matrix product `α·op(A)·op(B)` as a new m×n matrix
    /// (`cblas_dgemm` with `β = 0`).
    ///
    /// - Throws: `.dimensionMismatch` unless `columns(op(A)) == rows(op(B))`;
    ///   `.dimensionTooLarge`.
    public static func gemm(
        _ a: Matrix, _ b: Matrix, alpha: Double = 1,
        transposeA: Transpose = .noTranspose, transposeB: Transpose = .noTranspose
    ) throws(LinearAlgebraError) -> Matrix {
        let m = transposeA == .noTranspose ? a.rows : a.columns
        let n = transposeB == .noTranspose ? b.columns : b.rows
        var c = Matrix(rows: m, columns: n)
        try gemm(a, b, into: &c, alpha: alpha, beta: 0, transposeA: transposeA, transposeB: transposeB)
        return c
    }

    /// The symmetric product `A·D·Aᵀ = Σₖ dₖ·aₖ·aₖᵀ` with `D = diag(d)`
    /// (`aₖ` is column k of A): the normal-equations matrix of an
    /// interior-point method. Computed with `cblas_dsyrk` (lower triangle),
    /// then mirrored so the result is exactly symmetric.
    ///
    /// With `B₊ = A·diag(√max(d, 0))` and `B₋ = A·diag(√max(−d, 0))`:
    /// `A·D·Aᵀ = B₊·B₊ᵀ − B₋·B₋ᵀ`. The second `dsyrk` call is made only when
    /// some `dₖ < 0`; in the usual case `d > 0` (e.g. `d = x/s`) it costs one
    /// `dsyrk`, about half the flops of a general `dgemm`.
    ///
    /// - Parameters:
    ///   - a: the m×n matrix `A`.
    ///   - d: the diagonal of `D`, length n, finite values (any sign).
    /// - Returns: the m×m symmetric matrix `A·diag(d)·Aᵀ`.
    /// - Throws: `.dimensionMismatch` if `d.count != a.columns`;
    ///   `.nonFiniteInput("d")` if `d` holds NaN or ±infinity; `.dimensionTooLarge`.
    public static func adaTranspose(_ a: Matrix, diagonal d: [Double]) throws(LinearAlgebraError) -> Matrix {
        guard d.count == a.columns else {
            throw .dimensionMismatch("adaTranspose: A is \(a.rows)×\(a.columns), d has \(d.count) elements")
        }
        try requireFinite(d, "d")
        let m = a.rows
        let n = a.columns
        var c = Matrix(rows: m, columns: m)
        if m == 0 || n == 0 { return c }
        let mInt = try blasInt(m)
        let nInt = try blasInt(n)
        let hasNegative = d.contains { $0 < 0 }

        // B = A·diag(√(sign·d)) restricted to the entries of the given sign.
        func scaledColumns(sign: Double) -> [Double] {
            var b = a.storage
            for k in 0..<n {
                let weight = sign * d[k]
                let factor = weight > 0 ? weight.squareRoot() : 0
                let base = k * m
                for i in base..<(base + m) { b[i] *= factor }
            }
            return b
        }

        let positive = scaledColumns(sign: 1)
        cblas_dsyrk(
            CblasColMajor, CblasLower, CblasNoTrans, mInt, nInt,
            1, positive, mInt, 0, &c.storage, mInt)
        if hasNegative {
            let negative = scaledColumns(sign: -1)
            cblas_dsyrk(
                CblasColMajor, CblasLower, CblasNoTrans, mInt, nInt,
                -1, negative, mInt, 1, &c.storage, mInt)
        }
        // Mirror the lower triangle into the upper one.
        for j in 0..<m {
            for i in (j + 1)..<m {
                c.storage[j + i * m] = c.storage[i + j * m]
            }
        }
        return c
    }

    // MARK: Helpers

    /// `v ← β·v`, with BLAS's convention that `β = 0` overwrites with zeros.
    private static func scale(_ v: inout [Double], by beta: Double) {
        if beta == 0 {
            for i in v.indices { v[i] = 0 }
        } else if beta != 1 {
            for i in v.indices { v[i] *= beta }
        }
    }
}
