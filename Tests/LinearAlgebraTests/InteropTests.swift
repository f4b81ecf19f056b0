// Internal glue that public inputs cannot reach: LAPACK's negative info codes
// are prevented by the Swift-side checks, so the mapping is tested directly.
// `@testable` needs a debug build (`-enable-testing`); in release builds this
// file compiles to nothing so the rest of the suite still builds.
#if DEBUG
    import Testing
    @testable import LinearAlgebra

    @Suite("Interop with LAPACKE")
    struct InteropTests {
        @Test func lapackInfoCodesMapToTypedErrors() {
            #expect(negativeInfoError(-4, routine: "dgesv") == .illegalArgument(position: 4, routine: "dgesv"))
            #expect(negativeInfoError(-1010, routine: "dgels") == .workspaceAllocationFailed(routine: "dgels"))
            #expect(negativeInfoError(-1011, routine: "dgels") == .workspaceAllocationFailed(routine: "dgels"))
        }

        @Test func sizesBeyondInt32AreTypedErrors() throws {
            let tooLarge = Int(Int32.max) + 1
            #expect(throws: LinearAlgebraError.dimensionTooLarge(tooLarge)) { try lapackInt(tooLarge) }
            #expect(throws: LinearAlgebraError.dimensionTooLarge(tooLarge)) { try blasInt(tooLarge) }
            #expect(try lapackInt(Int(Int32.max)) == Int32.max)
        }
    }
#endif
