internal import COpenBLAS
internal import CLAPACKE

/// Placeholder replaced by the linear-algebra work.
public enum LinearAlgebraProbe {
    public static func dot(_ x: [Double], _ y: [Double]) -> Double {
        cblas_ddot(Int32(x.count), x, 1, y, 1)
    }
    public static func potrf(_ a: inout [Double], n: Int) -> Int32 {
        LAPACKE_dpotrf(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), Int32(n), &a, Int32(n))
    }
}
