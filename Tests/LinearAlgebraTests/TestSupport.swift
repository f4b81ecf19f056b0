import EmisTestSupport
import LinearAlgebra
// Shared helpers for the LinearAlgebra tests: a seeded RNG, random matrices,
// naive reference products and tolerance checks. No test uses unseeded
// randomness or timing.
import Testing

func randomVector(_ count: Int, _ rng: inout SeededGenerator) -> [Double] {
    (0..<count).map { _ in rng.uniform(-1, 1) }
}

func randomMatrix(_ rows: Int, _ columns: Int, _ rng: inout SeededGenerator) throws -> Matrix {
    try Matrix(rows: rows, columns: columns, columnMajor: randomVector(rows * columns, &rng))
}

/// A well-conditioned symmetric positive definite matrix `BᵀB + n·I`.
func randomSPD(_ n: Int, _ rng: inout SeededGenerator) throws -> Matrix {
    let b = try randomMatrix(n, n, &rng)
    var a = try BLAS.gemm(b, b, transposeA: .transpose)
    for i in 0..<n { a[i, i] += Double(n) }
    return a
}

/// op(A) as an explicit matrix.
func explicitOp(_ a: Matrix, _ t: Transpose) -> Matrix {
    t == .noTranspose ? a : a.transposed()
}

/// Naive triple loop `A·B`, and the matching magnitude `|A|·|B|` that scales
/// the rounding-error bound of each element.
func naiveProduct(_ a: Matrix, _ b: Matrix) -> (product: Matrix, magnitude: Matrix) {
    var c = Matrix(rows: a.rows, columns: b.columns)
    var g = Matrix(rows: a.rows, columns: b.columns)
    for i in 0..<a.rows {
        for j in 0..<b.columns {
            var sum = 0.0
            var absSum = 0.0
            for k in 0..<a.columns {
                sum += a[i, k] * b[k, j]
                absSum += abs(a[i, k] * b[k, j])
            }
            c[i, j] = sum
            g[i, j] = absSum
        }
    }
    return (c, g)
}

func maxAbs(_ values: [Double]) -> Double {
    values.reduce(0) { max($0, abs($1)) }
}

/// ‖A‖∞ = maxᵢ Σⱼ |aᵢⱼ|.
func infinityNorm(_ a: Matrix) -> Double {
    (0..<a.rows).map { a.row($0).reduce(0) { $0 + abs($1) } }.max() ?? 0
}

/// Element-wise `|actual − expected| ≤ tolerance` for equal-length arrays.
func expectClose(
    _ actual: [Double], _ expected: [Double], tolerance: Double,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(
        actual.count == expected.count, "length \(actual.count) vs \(expected.count)",
        sourceLocation: sourceLocation)
    guard actual.count == expected.count else { return }
    for (index, (x, y)) in zip(actual, expected).enumerated() {
        #expect(
            abs(x - y) <= tolerance,
            "element \(index): \(x) vs \(y), tolerance \(tolerance)",
            sourceLocation: sourceLocation)
    }
}

/// Element-wise `|actual − expected| ≤ tolerance` for equal-shaped matrices.
func expectClose(
    _ actual: Matrix, _ expected: Matrix, tolerance: Double,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(
        actual.rows == expected.rows && actual.columns == expected.columns,
        "shape \(actual.rows)×\(actual.columns) vs \(expected.rows)×\(expected.columns)",
        sourceLocation: sourceLocation)
    guard actual.rows == expected.rows, actual.columns == expected.columns else { return }
    for i in 0..<actual.rows {
        for j in 0..<actual.columns {
            #expect(
                abs(actual[i, j] - expected[i, j]) <= tolerance,
                "(\(i), \(j)): \(actual[i, j]) vs \(expected[i, j]), tolerance \(tolerance)",
                sourceLocation: sourceLocation)
        }
    }
}
