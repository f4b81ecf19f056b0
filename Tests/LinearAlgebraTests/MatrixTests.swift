import LinearAlgebra
import Testing

@Suite("Matrix")
struct MatrixTests {
    @Test func rowsAreStoredColumnMajor() throws {
        let a = try Matrix(rows: [[1, 2, 3], [4, 5, 6]])
        #expect(a.rows == 2)
        #expect(a.columns == 3)
        #expect(a.columnMajorElements == [1, 4, 2, 5, 3, 6])
        #expect(a[0, 2] == 3)
        #expect(a[1, 0] == 4)
        #expect(a.column(1) == [2, 5])
        #expect(a.row(1) == [4, 5, 6])
        #expect(!a.isSquare)
    }

    @Test func columnMajorInitRoundTrips() throws {
        let a = try Matrix(rows: 2, columns: 3, columnMajor: [1, 4, 2, 5, 3, 6])
        #expect(a == (try Matrix(rows: [[1, 2, 3], [4, 5, 6]])))
    }

    @Test func transposeSwapsIndices() throws {
        let a = try Matrix(rows: [[1, 2, 3], [4, 5, 6]])
        let t = a.transposed()
        #expect(t == (try Matrix(rows: [[1, 4], [2, 5], [3, 6]])))
        #expect(t.transposed() == a)
    }

    @Test func identityDiagonalAndRepeating() throws {
        #expect(Matrix.identity(3) == (try Matrix(rows: [[1, 0, 0], [0, 1, 0], [0, 0, 1]])))
        #expect(Matrix.diagonal([2, 3]) == (try Matrix(rows: [[2, 0], [0, 3]])))
        #expect(Matrix(rows: 2, columns: 2, repeating: 7).columnMajorElements == [7, 7, 7, 7])
        #expect(Matrix.identity(2).diagonalElements == [1, 1])
    }

    @Test func subscriptSetterAndEquality() throws {
        var a = Matrix(rows: 2, columns: 2)
        a[0, 1] = 5
        #expect(a == (try Matrix(rows: [[0, 5], [0, 0]])))
        #expect(a != Matrix(rows: 2, columns: 2))
        // Same elements, different shape: not equal.
        #expect(Matrix(rows: 1, columns: 4) != Matrix(rows: 2, columns: 2))
    }

    @Test func emptyShapes() throws {
        let empty = try Matrix(rows: [])
        #expect(empty.rows == 0 && empty.columns == 0)
        let tall = try Matrix(rows: [[], [], []])
        #expect(tall.rows == 3 && tall.columns == 0)
        #expect(tall.transposed().rows == 0 && tall.transposed().columns == 3)
        #expect(Matrix.identity(0).columnMajorElements.isEmpty)
    }

    @Test func raggedRowsThrow() {
        #expect(throws: LinearAlgebraError.dimensionMismatch("row 1 has 1 elements, row 0 has 2")) {
            try Matrix(rows: [[1, 2], [3]])
        }
    }

    @Test func wrongColumnMajorCountThrows() {
        #expect(throws: LinearAlgebraError.self) {
            try Matrix(rows: 2, columns: 2, columnMajor: [1, 2, 3])
        }
        #expect(throws: LinearAlgebraError.self) {
            try Matrix(rows: -1, columns: 2, columnMajor: [])
        }
    }

    @Test func descriptionIsRowByRow() throws {
        #expect((try Matrix(rows: [[1, 2], [3, 4]])).description == "[[1.0, 2.0], [3.0, 4.0]]")
    }
}
