/// Whether a BLAS/LAPACK operand is used as is or transposed: `op(A) = A` or
/// `op(A) = Aᵀ`.
public enum Transpose: Sendable, Hashable {
    /// `op(A) = A` (BLAS `'N'`).
    case noTranspose
    /// `op(A) = Aᵀ` (BLAS `'T'`).
    case transpose
}

/// A dense real matrix of `Double`, stored **column-major** (LAPACK's layout):
/// element `(i, j)` lives at `columnMajorElements[i + j * rows]`.
///
/// `Matrix` is a value type (copy-on-write through its array storage).
/// Indices are 0-based. Shapes may be empty (0×n, m×0).
///
/// Constructors that check caller data (`init(rows:)` from nested arrays,
/// `init(rows:columns:columnMajor:)`) throw `LinearAlgebraError` on a shape
/// mismatch. Negative sizes and out-of-range subscripts are programmer errors
/// and stop the program with a precondition failure, like `Array`.
public struct Matrix: Equatable, Hashable, Sendable {
    /// Number of rows, `m >= 0`.
    public let rows: Int
    /// Number of columns, `n >= 0`.
    public let columns: Int
    /// Column-major elements, `rows * columns` of them.
    internal var storage: [Double]

    /// Internal memberwise initializer; callers guarantee `storage.count == rows * columns`.
    internal init(uncheckedRows rows: Int, columns: Int, storage: [Double]) {
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    /// An `rows × columns` matrix with every element equal to `value`.
    ///
    /// - Precondition: `rows >= 0`, `columns >= 0`, and `rows * columns` does
    ///   not overflow `Int` (programmer errors).
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix: negative size \(rows)×\(columns)")
        let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
        precondition(!overflow, "Matrix: size \(rows)×\(columns) overflows Int")
        self.init(
            uncheckedRows: rows, columns: columns,
            storage: Array(repeating: value, count: count))
    }

    /// A matrix from an array of rows: `rows[i][j]` becomes element `(i, j)`.
    ///
    /// An empty array gives a 0×0 matrix; `k` empty rows give a k×0 matrix.
    /// - Throws: `LinearAlgebraError.dimensionMismatch` if the rows do not
    ///   all have the same length.
    public init(rows rowArrays: [[Double]]) throws(LinearAlgebraError) {
        let m = rowArrays.count
        let n = rowArrays.first?.count ?? 0
        for (index, row) in rowArrays.enumerated() where row.count != n {
            throw .dimensionMismatch(
                "row \(index) has \(row.count) elements, row 0 has \(n)")
        }
        var storage = [Double](repeating: 0, count: m * n)
        for (i, row) in rowArrays.enumerated() {
            for (j, value) in row.enumerated() {
                storage[i + j * m] = value
            }
        }
        self.init(uncheckedRows: m, columns: n, storage: storage)
    }

    /// A `rows × columns` matrix from column-major data: element `(i, j)` is
    /// `elements[i + j * rows]` (the layout LAPACK and this type use).
    ///
    /// - Throws: `LinearAlgebraError.dimensionMismatch` if a size is negative
    ///   or `elements.count != rows * columns`.
    public init(rows: Int, columns: Int, columnMajor elements: [Double]) throws(LinearAlgebraError) {
        guard rows >= 0, columns >= 0 else {
            throw .dimensionMismatch("negative matrix size \(rows)×\(columns)")
        }
        let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
        guard !overflow, elements.count == count else {
            throw .dimensionMismatch(
                "\(rows)×\(columns) matrix needs \(rows)·\(columns) elements, got \(elements.count)")
        }
        self.init(uncheckedRows: rows, columns: columns, storage: elements)
    }

    /// The `n × n` identity matrix `I`.
    ///
    /// - Precondition: `n >= 0`.
    public static func identity(_ n: Int) -> Matrix {
        var result = Matrix(rows: n, columns: n)
        for i in 0..<n { result.storage[i + i * n] = 1 }
        return result
    }

    /// The square diagonal matrix `diag(d)`, of order `d.count`.
    public static func diagonal(_ d: [Double]) -> Matrix {
        let n = d.count
        var result = Matrix(rows: n, columns: n)
        for i in 0..<n { result.storage[i + i * n] = d[i] }
        return result
    }

    /// The elements in column-major order (`rows * columns` values);
    /// element `(i, j)` is at index `i + j * rows`.
    public var columnMajorElements: [Double] { storage }

    /// `true` when `rows == columns`.
    public var isSquare: Bool { rows == columns }

    /// Element `(row, column)`, 0-based.
    ///
    /// - Precondition: `0 <= row < rows` and `0 <= column < columns`
    ///   (an out-of-range index is a programmer error, as for `Array`).
    public subscript(_ row: Int, _ column: Int) -> Double {
        get {
            precondition(
                row >= 0 && row < rows && column >= 0 && column < columns,
                "Matrix index (\(row), \(column)) out of range for \(rows)×\(columns)")
            return storage[row + column * rows]
        }
        set {
            precondition(
                row >= 0 && row < rows && column >= 0 && column < columns,
                "Matrix index (\(row), \(column)) out of range for \(rows)×\(columns)")
            storage[row + column * rows] = newValue
        }
    }

    /// Column `j` as an array of `rows` values (contiguous in storage).
    ///
    /// - Precondition: `0 <= j < columns`.
    public func column(_ j: Int) -> [Double] {
        precondition(j >= 0 && j < columns, "Matrix column \(j) out of range for \(rows)×\(columns)")
        return Array(storage[(j * rows)..<((j + 1) * rows)])
    }

    /// Row `i` as an array of `columns` values (strided in storage).
    ///
    /// - Precondition: `0 <= i < rows`.
    public func row(_ i: Int) -> [Double] {
        precondition(i >= 0 && i < rows, "Matrix row \(i) out of range for \(rows)×\(columns)")
        return (0..<columns).map { storage[i + $0 * rows] }
    }

    /// The main diagonal `(a₀₀, a₁₁, …)`, of length `min(rows, columns)`.
    public var diagonalElements: [Double] {
        (0..<min(rows, columns)).map { storage[$0 + $0 * rows] }
    }

    /// The transpose `Aᵀ` (`columns × rows`), `(Aᵀ)[j, i] = A[i, j]`.
    public func transposed() -> Matrix {
        var result = [Double](repeating: 0, count: storage.count)
        for j in 0..<columns {
            for i in 0..<rows {
                result[j + i * columns] = storage[i + j * rows]
            }
        }
        return Matrix(uncheckedRows: columns, columns: rows, storage: result)
    }
}

extension Matrix: CustomStringConvertible {
    /// Row-by-row text such as `[[1.0, 2.0], [3.0, 4.0]]`, for debugging.
    public var description: String {
        let rowTexts = (0..<rows).map { i in
            "[" + row(i).map { "\($0)" }.joined(separator: ", ") + "]"
        }
        return "[" + rowTexts.joined(separator: ", ") + "]"
    }
}
