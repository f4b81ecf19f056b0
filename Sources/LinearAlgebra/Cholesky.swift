internal import CLAPACKE

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// The Cholesky factorization `A = L·Lᵀ` of a symmetric positive definite
/// n×n matrix, with `L` lower triangular with a positive diagonal
/// (LAPACK `dpotrf`, `uplo = 'L'`).
///
/// Only the **lower triangle** of the input is read (LAPACK's convention);
/// the strictly upper triangle is ignored and need not be filled in.
/// The factorization is a value: solve with it as often as needed.
public struct CholeskyFactorization: Sendable {
    /// The order n of the factored matrix.
    public let order: Int
    /// n×n column-major; lower triangle holds L, strictly upper triangle is zero.
    internal let factor: [Double]
    /// `‖A‖₁` of the factored (symmetric) matrix, kept for `dpocon`.
    public let oneNorm: Double

    /// Factors a symmetric positive definite matrix: `A = L·Lᵀ` (`dpotrf`).
    ///
    /// - Parameter a: an n×n matrix (n ≥ 0) with finite entries; only its
    ///   lower triangle is used.
    /// - Throws: `.dimensionMismatch` if `a` is not square;
    ///   `.nonFiniteInput("A")` for NaN/±infinity in the lower triangle;
    ///   `.notPositiveDefinite(leadingMinor: k)` if the leading minor of
    ///   order k (1-based, `dpotrf`'s `info > 0`) is not positive definite.
    public init(_ a: Matrix) throws(LinearAlgebraError) {
        switch try Self.attempt(a, shift: 0) {
        case .factored(let factorization):
            self = factorization
        case .failed(let leadingMinor):
            throw .notPositiveDefinite(leadingMinor: leadingMinor)
        }
    }

    private init(order: Int, factor: [Double], oneNorm: Double) {
        self.order = order
        self.factor = factor
        self.oneNorm = oneNorm
    }

    /// The lower-triangular factor `L` (n×n, zeros above the diagonal).
    public var lower: Matrix {
        Matrix(uncheckedRows: order, columns: order, storage: factor)
    }

    /// `log det(A) = 2·Σᵢ log Lᵢᵢ`; finite even when `det(A)` itself would
    /// overflow or underflow. 0 for n = 0.
    public var logDeterminant: Double {
        var sum = 0.0
        for i in 0..<order { sum += log(factor[i + i * order]) }
        return 2 * sum
    }

    /// Solves `A·x = b` with the factorization (`dpotrs`, one right-hand side).
    ///
    /// - Parameter b: length n, finite.
    /// - Returns: `x = A⁻¹·b`, length n.
    /// - Throws: `.dimensionMismatch` if `b.count != n`; `.nonFiniteInput("b")`.
    public func solve(_ b: [Double]) throws(LinearAlgebraError) -> [Double] {
        guard b.count == order else {
            throw .dimensionMismatch("Cholesky solve: A is \(order)×\(order), b has \(b.count) elements")
        }
        let x = try solve(Matrix(uncheckedRows: order, columns: 1, storage: b))
        return x.storage
    }

    /// Solves `A·X = B` for several right-hand sides at once (`dpotrs`).
    ///
    /// - Parameter b: n×k (k ≥ 0), finite; its columns are the right-hand sides.
    /// - Returns: the n×k solution `X = A⁻¹·B`.
    /// - Throws: `.dimensionMismatch` if `b.rows != n`; `.nonFiniteInput("B")`.
    public func solve(_ b: Matrix) throws(LinearAlgebraError) -> Matrix {
        guard b.rows == order else {
            throw .dimensionMismatch("Cholesky solve: A is \(order)×\(order), B is \(b.rows)×\(b.columns)")
        }
        try requireFinite(b, "B")
        if order == 0 || b.columns == 0 { return b }
        let n = try lapackInt(order)
        let nrhs = try lapackInt(b.columns)
        var x = b
        let info = LAPACKE_dpotrs(
            columnMajorLayout, lapackChar("L"), n, nrhs,
            factor, n, &x.storage, n)
        if info != 0 { throw negativeInfoError(info, routine: "dpotrs") }
        return x
    }

    /// Estimate of the reciprocal condition number in the 1-norm,
    /// `rcond ≈ 1 / (‖A‖₁·‖A⁻¹‖₁)`, in [0, 1] (`dpocon`, with `‖A‖₁` computed
    /// in Swift from the lower triangle when the factorization was made).
    /// A value near machine epsilon (≈ 2.2e-16) means A is numerically singular.
    /// 1 for n = 0.
    public func reciprocalCondition() throws(LinearAlgebraError) -> Double {
        if order == 0 { return 1 }
        let n = try lapackInt(order)
        var rcond = 0.0
        let info = LAPACKE_dpocon(columnMajorLayout, lapackChar("L"), n, factor, n, oneNorm, &rcond)
        if info != 0 { throw negativeInfoError(info, routine: "dpocon") }
        return rcond
    }

    // MARK: Internal

    enum Attempt {
        case factored(CholeskyFactorization)
        case failed(leadingMinor: Int)
    }

    /// Factors `A + shift·I` (lower triangle of `a`), reporting a failed
    /// leading minor instead of throwing it.
    static func attempt(_ a: Matrix, shift: Double) throws(LinearAlgebraError) -> Attempt {
        let order = try requireSquare(a, "A")
        var storage = a.storage
        // Keep only the lower triangle (the rest is ignored) and check it.
        for j in 0..<order {
            for i in 0..<j { storage[i + j * order] = 0 }
            for i in j..<order where !storage[i + j * order].isFinite {
                throw .nonFiniteInput("A")
            }
            storage[j + j * order] += shift
        }
        let norm = symmetricOneNorm(lowerOf: storage, order: order)
        if order == 0 {
            return .factored(CholeskyFactorization(order: 0, factor: [], oneNorm: 0))
        }
        let n = try lapackInt(order)
        let info = LAPACKE_dpotrf(columnMajorLayout, lapackChar("L"), n, &storage, n)
        if info < 0 { throw negativeInfoError(info, routine: "dpotrf") }
        if info > 0 { return .failed(leadingMinor: Int(info)) }
        return .factored(CholeskyFactorization(order: order, factor: storage, oneNorm: norm))
    }

    /// `‖A‖₁ = maxⱼ Σᵢ |aᵢⱼ|` of the symmetric matrix whose lower triangle is
    /// given (what `dlansy('1', 'L')` computes).
    static func symmetricOneNorm(lowerOf storage: [Double], order n: Int) -> Double {
        var columnSums = [Double](repeating: 0, count: n)
        for j in 0..<n {
            for i in j..<n {
                let value = abs(storage[i + j * n])
                columnSums[j] += value
                if i != j { columnSums[i] += value }
            }
        }
        return columnSums.max() ?? 0
    }
}

/// The result of `regularizedCholesky`: the factorization of `A + shift·I`.
public struct RegularizedCholesky: Sendable {
    /// The factorization `A + shift·I = L·Lᵀ`.
    public let factorization: CholeskyFactorization
    /// The diagonal shift δ ≥ 0 that was added (0 if A itself was accepted).
    public let shift: Double
    /// How many factorizations (`dpotrf` calls) were made, ≥ 1.
    public let attempts: Int
}

/// A safeguarded Cholesky factorization for symmetric positive
/// **semi**definite, possibly (near-)singular matrices, as used for the normal
/// equations `A·D·Aᵀ·Δy = r` of an interior-point method.
///
/// It factors `A + δ·I` (`dpotrf`, lower triangle) for a growing shift δ until
/// the factorization is accepted:
///
/// - scale `s = maxᵢ |aᵢᵢ|` (or `s = 1` if the diagonal is all zero);
/// - attempt 1 uses `δ₁ = 0`; attempt k ≥ 2 uses
///   `δₖ = s · initialShift · growthFactor^(k−2)`;
/// - an attempt is accepted when `dpotrf` succeeds **and**
///   `minᵢ Lᵢᵢ² ≥ minimumPivotRatio · s` (with the default
///   `minimumPivotRatio = 0`, only `dpotrf`'s not-positive-definite report
///   triggers a retry; a positive ratio also rejects factorizations whose
///   pivots are tiny, e.g. `1e-12` for numerically singular matrices).
///
/// With the defaults the relative shift tried grows `1e-10, 1e-9, …, 1` over at
/// most 12 attempts. Solving with the result gives `(A + δI)⁻¹·b`, a
/// regularized solution; the caller sees δ in `shift`.
///
/// - Parameters:
///   - a: n×n, finite; only the lower triangle is read.
///   - initialShift: first nonzero relative shift, finite, > 0.
///   - growthFactor: factor between consecutive shifts, finite, > 1.
///   - maximumAttempts: total `dpotrf` calls allowed, ≥ 1.
///   - minimumPivotRatio: relative pivot floor, finite, ≥ 0.
/// - Throws: `.dimensionMismatch` (not square), `.nonFiniteInput("A")`,
///   `.invalidParameter` for a parameter out of range, and
///   `.notPositiveDefinite(leadingMinor:)` from the last attempt if every
///   attempt failed (the matrix is then far from positive semidefinite).
public func regularizedCholesky(
    _ a: Matrix,
    initialShift: Double = 1e-10,
    growthFactor: Double = 10,
    maximumAttempts: Int = 12,
    minimumPivotRatio: Double = 0
) throws(LinearAlgebraError) -> RegularizedCholesky {
    guard initialShift.isFinite, initialShift > 0 else {
        throw .invalidParameter("initialShift must be finite and > 0, got \(initialShift)")
    }
    guard growthFactor.isFinite, growthFactor > 1 else {
        throw .invalidParameter("growthFactor must be finite and > 1, got \(growthFactor)")
    }
    guard maximumAttempts >= 1 else {
        throw .invalidParameter("maximumAttempts must be >= 1, got \(maximumAttempts)")
    }
    guard minimumPivotRatio.isFinite, minimumPivotRatio >= 0 else {
        throw .invalidParameter("minimumPivotRatio must be finite and >= 0, got \(minimumPivotRatio)")
    }
    let n = try requireSquare(a, "A")
    let largestDiagonal = a.diagonalElements.reduce(0) { max($0, abs($1)) }
    let scale = largestDiagonal > 0 && largestDiagonal.isFinite ? largestDiagonal : 1
    let pivotFloor = minimumPivotRatio * scale

    var shift = 0.0
    var lastFailure = 0
    for attempt in 1...maximumAttempts {
        if attempt >= 2 {
            shift = attempt == 2 ? scale * initialShift : shift * growthFactor
            // A shift that overflowed cannot give a meaningful factorization.
            guard shift.isFinite else { break }
        }
        switch try CholeskyFactorization.attempt(a, shift: shift) {
        case .factored(let factorization):
            let factor = factorization.factor
            let smallestPivot = (0..<n).reduce(Double.infinity) { min($0, factor[$1 + $1 * n] * factor[$1 + $1 * n]) }
            if n == 0 || smallestPivot >= pivotFloor {
                return RegularizedCholesky(factorization: factorization, shift: shift, attempts: attempt)
            }
            // Accepted by dpotrf but with a pivot below the floor: the last
            // column that was "too small" is the one to report if we give up.
            lastFailure = (0..<n).first { factor[$0 + $0 * n] * factor[$0 + $0 * n] < pivotFloor }.map { $0 + 1 } ?? n
        case .failed(let leadingMinor):
            lastFailure = leadingMinor
        }
    }
    throw .notPositiveDefinite(leadingMinor: lastFailure)
}
