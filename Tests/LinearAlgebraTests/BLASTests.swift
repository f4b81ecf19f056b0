import EmisTestSupport
import LinearAlgebra
import Testing

@Suite("BLAS kernels")
struct BLASTests {
    // MARK: Hand-computed cases

    @Test func dotAxpyNrm2ByHand() throws {
        #expect(try BLAS.dot([1, 2, 3], [4, 5, 6]) == 32)
        #expect(try BLAS.dot([], []) == 0)
        var y: [Double] = [10, 20]
        try BLAS.axpy(2, [1, 2], &y)
        #expect(y == [12, 24])
        #expect(BLAS.nrm2([3, 4]) == 5)
        #expect(BLAS.nrm2([]) == 0)
    }

    @Test func nrm2DoesNotOverflow() {
        // Naive √(Σ x²) overflows to +infinity here; dnrm2 scales.
        let norm = BLAS.nrm2([3e200, 4e200])
        #expect(abs(norm - 5e200) <= 1e-15 * 5e200)
    }

    @Test func gemvByHand() throws {
        let a = try Matrix(rows: [[1, 2, 3], [4, 5, 6]])
        #expect(try BLAS.gemv(a, [1, 1, 1]) == [6, 15])
        #expect(try BLAS.gemv(a, [1, -1], transpose: .transpose) == [-3, -3, -3])
        var y: [Double] = [1, 1]
        try BLAS.gemv(a, [1, 1, 1], into: &y, alpha: 2, beta: 3)
        #expect(y == [15, 33])
    }

    @Test func gemmByHand() throws {
        let a = try Matrix(rows: [[1, 2], [3, 4]])
        let b = try Matrix(rows: [[5, 6], [7, 8]])
        #expect(try BLAS.gemm(a, b) == (try Matrix(rows: [[19, 22], [43, 50]])))
        #expect(try BLAS.gemm(a, b, transposeA: .transpose) == (try Matrix(rows: [[26, 30], [38, 44]])))
        #expect(try BLAS.gemm(a, b, transposeB: .transpose) == (try Matrix(rows: [[17, 23], [39, 53]])))
        var c = Matrix(rows: 2, columns: 2, repeating: 1)
        try BLAS.gemm(a, b, into: &c, alpha: 2, beta: -1)
        #expect(c == (try Matrix(rows: [[37, 43], [85, 99]])))
    }

    @Test func gemmWithEmptyInnerDimensionScalesC() throws {
        let a = Matrix(rows: 2, columns: 0)
        let b = Matrix(rows: 0, columns: 3)
        var c = Matrix(rows: 2, columns: 3, repeating: 1)
        try BLAS.gemm(a, b, into: &c, beta: 2)
        #expect(c == Matrix(rows: 2, columns: 3, repeating: 2))
        #expect(try BLAS.gemm(a, b) == Matrix(rows: 2, columns: 3))
    }

    @Test func betaZeroIgnoresPreviousContents() throws {
        // BLAS convention, documented on gemv/gemm: β = 0 does not read C/y.
        let a = try Matrix(rows: [[1, 2], [3, 4]])
        var c = Matrix(rows: 2, columns: 2, repeating: .nan)
        try BLAS.gemm(a, a, into: &c, beta: 0)
        #expect(c == (try Matrix(rows: [[7, 10], [15, 22]])))
        var y: [Double] = [.nan, .nan]
        try BLAS.gemv(a, [1, 1], into: &y, beta: 0)
        #expect(y == [3, 7])
    }

    @Test func adaTransposeByHandWithNegativeWeight() throws {
        // A·diag(1, −1)·Aᵀ = a₁a₁ᵀ − a₂a₂ᵀ with a₁ = (1, 3), a₂ = (2, 4).
        let a = try Matrix(rows: [[1, 2], [3, 4]])
        let c = try BLAS.adaTranspose(a, diagonal: [1, -1])
        #expect(c == (try Matrix(rows: [[-3, -5], [-5, -7]])))
        // d = (4, 9): exact square roots, so the result is exact.
        let d = try BLAS.adaTranspose(a, diagonal: [4, 9])
        #expect(d == (try Matrix(rows: [[40, 84], [84, 180]])))
        #expect(try BLAS.adaTranspose(Matrix(rows: 2, columns: 0), diagonal: []) == Matrix(rows: 2, columns: 2))
    }

    // MARK: Errors instead of crashes

    @Test func mismatchedShapesThrow() throws {
        let a = try Matrix(rows: [[1, 2, 3], [4, 5, 6]])
        #expect(throws: LinearAlgebraError.dimensionMismatch("dot: x has 2 elements, y has 3")) {
            try BLAS.dot([1, 2], [1, 2, 3])
        }
        var y: [Double] = [1]
        #expect(throws: LinearAlgebraError.self) { try BLAS.axpy(1, [1, 2], &y) }
        #expect(y == [1])
        #expect(throws: LinearAlgebraError.self) { try BLAS.gemv(a, [1, 2]) }
        #expect(throws: LinearAlgebraError.self) { try BLAS.gemv(a, [1, 2, 3], transpose: .transpose) }
        #expect(throws: LinearAlgebraError.self) { try BLAS.gemm(a, a) }
        var c = Matrix(rows: 3, columns: 3)
        #expect(throws: LinearAlgebraError.self) { try BLAS.gemm(a, a, into: &c, transposeB: .transpose) }
        #expect(throws: LinearAlgebraError.self) { try BLAS.adaTranspose(a, diagonal: [1, 2]) }
        #expect(throws: LinearAlgebraError.nonFiniteInput("d")) {
            try BLAS.adaTranspose(a, diagonal: [1, .nan, 2])
        }
    }

    // MARK: Properties on seeded random matrices

    @Test(arguments: [(1, 1, 1), (7, 5, 9), (1, 13, 4), (16, 16, 16), (31, 8, 17), (40, 3, 65)])
    func gemmMatchesNaiveTripleLoop(shape: (Int, Int, Int)) throws {
        let (m, n, k) = shape
        var rng = SeededGenerator(seed: UInt64(1000 * m + 100 * n + k))
        let alpha = 1.7
        let beta = -0.3
        for transposeA in [Transpose.noTranspose, .transpose] {
            for transposeB in [Transpose.noTranspose, .transpose] {
                let opA = try randomMatrix(m, k, &rng)
                let opB = try randomMatrix(k, n, &rng)
                let a = explicitOp(opA, transposeA)  // stored so that op(a) == opA
                let b = explicitOp(opB, transposeB)
                let c0 = try randomMatrix(m, n, &rng)
                var c = c0
                try BLAS.gemm(
                    a, b, into: &c, alpha: alpha, beta: beta,
                    transposeA: transposeA, transposeB: transposeB)
                let (reference, magnitude) = naiveProduct(opA, opB)
                for i in 0..<m {
                    for j in 0..<n {
                        let expected = alpha * reference[i, j] + beta * c0[i, j]
                        let scale = abs(alpha) * magnitude[i, j] + abs(beta * c0[i, j])
                        #expect(
                            abs(c[i, j] - expected) <= 1e-12 * scale,
                            "gemm \(transposeA)/\(transposeB) (\(i), \(j))")
                    }
                }
            }
        }
    }

    @Test(arguments: [(5, 3), (12, 30), (30, 12)])
    func gemvMatchesNaiveLoop(shape: (Int, Int)) throws {
        let (m, n) = shape
        var rng = SeededGenerator(seed: UInt64(77 + m * n))
        let a = try randomMatrix(m, n, &rng)
        let x = randomVector(n, &rng)
        let xColumn = try Matrix(rows: n, columns: 1, columnMajor: x)
        let (reference, magnitude) = naiveProduct(a, xColumn)
        let y = try BLAS.gemv(a, x)
        for i in 0..<m {
            #expect(abs(y[i] - reference[i, 0]) <= 1e-12 * magnitude[i, 0])
        }
        let z = randomVector(m, &rng)
        let zColumn = try Matrix(rows: m, columns: 1, columnMajor: z)
        let (referenceT, magnitudeT) = naiveProduct(a.transposed(), zColumn)
        let w = try BLAS.gemv(a, z, transpose: .transpose)
        for j in 0..<n {
            #expect(abs(w[j] - referenceT[j, 0]) <= 1e-12 * magnitudeT[j, 0])
        }
    }

    @Test(arguments: [(4, 9, false), (10, 25, false), (10, 25, true), (17, 6, true)])
    func adaTransposeMatchesExplicitProduct(shape: (Int, Int, Bool)) throws {
        let (m, n, mixedSigns) = shape
        var rng = SeededGenerator(seed: UInt64(31 * m + n + (mixedSigns ? 7 : 0)))
        let a = try randomMatrix(m, n, &rng)
        let d = (0..<n).map { _ in mixedSigns ? rng.uniform(-2, 2) : rng.uniform(0.01, 100) }
        let result = try BLAS.adaTranspose(a, diagonal: d)
        // Explicit (A·D)·Aᵀ with a naive loop, and |A|·|D|·|Aᵀ| for the scale.
        var ad = a
        var absAD = a
        for j in 0..<n {
            for i in 0..<m {
                ad[i, j] = a[i, j] * d[j]
                absAD[i, j] = abs(ad[i, j])
            }
        }
        let (reference, _) = naiveProduct(ad, a.transposed())
        var absAT = a.transposed()
        for i in 0..<absAT.rows { for j in 0..<absAT.columns { absAT[i, j] = abs(absAT[i, j]) } }
        let (magnitude, _) = naiveProduct(absAD, absAT)
        for i in 0..<m {
            for j in 0..<m {
                #expect(abs(result[i, j] - reference[i, j]) <= 1e-12 * magnitude[i, j])
                #expect(result[i, j] == result[j, i], "exactly symmetric")
            }
        }
    }
}
