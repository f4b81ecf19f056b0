internal import CLAPACKE
// Internal glue between Swift and the C interfaces (cblas, LAPACKE).
// Nothing here is public: C types never appear in the module's API.
internal import COpenBLAS

/// LAPACKE's `lapack_int` is a C macro (`int32_t` unless `LAPACK_ILP64`), which
/// Swift cannot import. Debian's liblapacke is built with 32-bit integers, so
/// this is the single place that spells the type.
typealias LAPACKInt = Int32

/// OpenBLAS's `blasint` is a real typedef (`int` on Debian's LP64 build).
typealias BLASInt = blasint

/// Converts a Swift size to a LAPACK integer, or throws if it does not fit.
@inline(__always)
func lapackInt(_ value: Int) throws(LinearAlgebraError) -> LAPACKInt {
    guard let converted = LAPACKInt(exactly: value) else {
        throw .dimensionTooLarge(value)
    }
    return converted
}

/// Converts a Swift size to a BLAS integer, or throws if it does not fit.
@inline(__always)
func blasInt(_ value: Int) throws(LinearAlgebraError) -> BLASInt {
    guard let converted = BLASInt(exactly: value) else {
        throw .dimensionTooLarge(value)
    }
    return converted
}

/// Leading dimension for a column-major array with `rows` rows: BLAS and
/// LAPACK require `ld >= max(1, rows)` even when the matrix is empty.
@inline(__always)
func leadingDimension(_ rows: Int) throws(LinearAlgebraError) -> LAPACKInt {
    try lapackInt(max(1, rows))
}

/// A LAPACK character argument (`'U'`, `'L'`, `'N'`, `'T'`, `'1'`, ...).
@inline(__always)
func lapackChar(_ scalar: Unicode.Scalar) -> CChar {
    CChar(truncatingIfNeeded: scalar.value)
}

/// `LAPACK_COL_MAJOR` (102): every matrix in this module is column-major.
let columnMajorLayout: Int32 = LAPACK_COL_MAJOR

/// LAPACKE's out-of-memory return codes (`LAPACK_WORK_MEMORY_ERROR`,
/// `LAPACK_TRANSPOSE_MEMORY_ERROR`).
private let lapackeMemoryErrors: Set<LAPACKInt> = [-1010, -1011]

/// Maps a negative LAPACKE `info` to a typed error. Positive values are
/// routine-specific and handled by the caller.
func negativeInfoError(_ info: LAPACKInt, routine: String) -> LinearAlgebraError {
    if lapackeMemoryErrors.contains(info) {
        return .workspaceAllocationFailed(routine: routine)
    }
    return .illegalArgument(position: -Int(info), routine: routine)
}

/// Throws `.nonFiniteInput(name)` if any element is NaN or ±infinity.
///
/// LAPACKE checks its inputs for NaN itself and reports them as an illegal
/// argument (`info = -position`), which would be indistinguishable from a
/// programming error; checking first gives the caller a precise error, and also
/// rejects infinities, which LAPACKE lets through.
func requireFinite(_ values: [Double], _ name: String) throws(LinearAlgebraError) {
    for value in values where !value.isFinite {
        throw .nonFiniteInput(name)
    }
}

func requireFinite(_ matrix: Matrix, _ name: String) throws(LinearAlgebraError) {
    try requireFinite(matrix.storage, name)
}

/// Throws unless `matrix` is square; returns its order.
func requireSquare(_ matrix: Matrix, _ name: String) throws(LinearAlgebraError) -> Int {
    guard matrix.rows == matrix.columns else {
        throw .dimensionMismatch("\(name) must be square, got \(matrix.rows)×\(matrix.columns)")
    }
    return matrix.rows
}

extension Transpose {
    var cblas: CBLAS_TRANSPOSE {
        switch self {
        case .noTranspose: return CblasNoTrans
        case .transpose: return CblasTrans
        }
    }

    var lapack: CChar {
        switch self {
        case .noTranspose: return lapackChar("N")
        case .transpose: return lapackChar("T")
        }
    }
}
