/// Errors thrown by the `LinearAlgebra` module.
///
/// Every input-dependent failure (wrong shapes, non-finite data, a matrix that
/// is not positive definite, an exactly singular matrix, ...) is reported as
/// one of these cases; the module never traps, prints or exits on such input.
///
/// Indices carried by the LAPACK-derived cases (`leadingMinor`, `pivot`,
/// `diagonalIndex`, `position`) are **1-based**, exactly as LAPACK reports
/// them in its `info` argument.
public enum LinearAlgebraError: Error, Equatable, Hashable, Sendable {
    /// The shapes of the operands do not fit together (for example a 3×2
    /// matrix times a vector of length 4). The message names the operands.
    case dimensionMismatch(String)

    /// A LAPACK routine rejected its argument number `position` (1-based,
    /// counted in the Fortran argument list, as LAPACK reports `info = -position`).
    /// The module validates shapes before calling LAPACK, so this indicates an
    /// internal inconsistency rather than bad user data.
    case illegalArgument(position: Int, routine: String)

    /// `dpotrf` found that the leading minor of order `leadingMinor` (1-based)
    /// is not positive definite, so the Cholesky factorization could not be
    /// completed (`info > 0`).
    case notPositiveDefinite(leadingMinor: Int)

    /// `dgetrf`/`dgesv` found `U[pivot, pivot]` (1-based) exactly zero: the
    /// matrix is singular and the system cannot be solved (`info > 0`).
    case singular(pivot: Int)

    /// `dgels` found the diagonal element number `diagonalIndex` (1-based) of
    /// the triangular factor R (or L) exactly zero: the matrix does not have
    /// full rank (`info > 0`).
    case rankDeficient(diagonalIndex: Int)

    /// An input that LAPACK would factor contains NaN or ±infinity. The
    /// message names the argument (for example `"A"` or `"b"`).
    case nonFiniteInput(String)

    /// A dimension does not fit the 32-bit integers used by BLAS/LAPACK
    /// (`Int32.max` = 2 147 483 647).
    case dimensionTooLarge(Int)

    /// A Swift-level parameter is outside its documented range (for example a
    /// negative regularization shift). The message names the parameter.
    case invalidParameter(String)

    /// LAPACKE could not allocate its workspace (`info` was
    /// `LAPACK_WORK_MEMORY_ERROR` or `LAPACK_TRANSPOSE_MEMORY_ERROR`).
    case workspaceAllocationFailed(routine: String)
}

extension LinearAlgebraError: CustomStringConvertible {
    /// A one-line English explanation, e.g. for a diagnostic message.
    public var description: String {
        switch self {
        case .dimensionMismatch(let message):
            return "dimension mismatch: \(message)"
        case .illegalArgument(let position, let routine):
            return "\(routine): argument \(position) had an illegal value"
        case .notPositiveDefinite(let leadingMinor):
            return "matrix is not positive definite (leading minor of order \(leadingMinor))"
        case .singular(let pivot):
            return "matrix is singular (U(\(pivot),\(pivot)) is exactly zero)"
        case .rankDeficient(let diagonalIndex):
            return "matrix does not have full rank (diagonal element \(diagonalIndex) of the triangular factor is zero)"
        case .nonFiniteInput(let argument):
            return "non-finite value (NaN or infinity) in \(argument)"
        case .dimensionTooLarge(let value):
            return "dimension \(value) exceeds the 32-bit BLAS/LAPACK integer range"
        case .invalidParameter(let message):
            return "invalid parameter: \(message)"
        case .workspaceAllocationFailed(let routine):
            return "\(routine): workspace allocation failed"
        }
    }
}
