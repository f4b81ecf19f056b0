import LinearAlgebra

/// A linear programme in the form used by the least-cost optimiser:
///
/// ```
/// minimise    cᵀx
/// subject to  G·x ≥ h        (m rows, e.g. linearised targets)
///             0 ≤ x ≤ u      (n variables, e.g. adoption levels; u = 1 by default)
/// ```
///
/// `G` is dense (m × n, column-major `Matrix`); m may be 0 (only bounds) and n
/// may be 0 (then the programme is feasible exactly when `h ≤ 0`).
///
/// The initializer checks every shape and value and throws
/// `LinearProgramError`; the stored properties stay `public var` so that a
/// caller can change one number (for example `lowerBounds[i] += δ` for a
/// sensitivity run) without rebuilding the matrix. `InteriorPointSolver.solve`
/// checks the programme again (see `validate()`), so a programme made invalid
/// after `init` is refused there rather than trapping.
public struct LinearProgram: Sendable {
    /// c, length n: the cost of one unit of each variable (any finite sign).
    public var objective: [Double]
    /// G, m × n, finite: row i is the linear form of constraint i.
    public var constraints: Matrix
    /// h, length m, finite: the right-hand sides of `G·x ≥ h`
    /// (the lower bounds of the rows, not of the variables).
    public var lowerBounds: [Double]
    /// u, length n, finite and > 0: the upper bounds of the variables
    /// (every variable also has the lower bound 0).
    public var upperBounds: [Double]

    /// Number of variables n.
    public var variableCount: Int { objective.count }
    /// Number of constraint rows m.
    public var constraintCount: Int { lowerBounds.count }

    /// A programme `min cᵀx s.t. G·x ≥ h, 0 ≤ x ≤ u`.
    ///
    /// - Parameters:
    ///   - objective: c, length n, finite.
    ///   - constraints: G, m × n, finite.
    ///   - lowerBounds: h, length m, finite.
    ///   - upperBounds: u, length n, finite, every `u_j > 0`; `nil` (the
    ///     default) means `u_j = 1` for every variable (adoption levels).
    /// - Throws: `LinearProgramError.dimensionMismatch` if the lengths do not
    ///   fit `G`'s shape; `.nonFiniteValue` for NaN or ±infinity anywhere;
    ///   `.upperBoundNotPositive` if some `u_j ≤ 0`.
    public init(
        objective: [Double], constraints: Matrix, lowerBounds: [Double], upperBounds: [Double]? = nil
    ) throws(LinearProgramError) {
        self.objective = objective
        self.constraints = constraints
        self.lowerBounds = lowerBounds
        self.upperBounds = upperBounds ?? [Double](repeating: 1, count: objective.count)
        try validate()
    }

    /// Checks the invariants documented on `init` (shapes, finite values,
    /// `u > 0`), for a programme whose properties were changed after `init`.
    ///
    /// - Throws: the first problem found, as `init` would.
    public func validate() throws(LinearProgramError) {
        let n = objective.count
        let m = lowerBounds.count
        guard constraints.rows == m, constraints.columns == n, upperBounds.count == n else {
            throw .dimensionMismatch(
                "G is \(constraints.rows)×\(constraints.columns); c has \(n) elements, h has \(m), u has \(upperBounds.count) "
                    + "(expected G to be \(m)×\(n) and u to have \(n))")
        }
        if let index = objective.firstIndex(where: { !$0.isFinite }) {
            throw .nonFiniteValue(argument: "objective", index: index)
        }
        if let index = lowerBounds.firstIndex(where: { !$0.isFinite }) {
            throw .nonFiniteValue(argument: "lowerBounds", index: index)
        }
        if let index = upperBounds.firstIndex(where: { !$0.isFinite }) {
            throw .nonFiniteValue(argument: "upperBounds", index: index)
        }
        if let index = constraints.columnMajorElements.firstIndex(where: { !$0.isFinite }) {
            // Report the 0-based (row, column) rather than the storage offset.
            let row = m > 0 ? index % m : 0
            let column = m > 0 ? index / m : 0
            throw .nonFiniteValue(argument: "constraints[\(row), \(column)]", index: index)
        }
        if let index = upperBounds.firstIndex(where: { $0 <= 0 }) {
            throw .upperBoundNotPositive(variable: index, value: upperBounds[index])
        }
    }
}

/// Why a `LinearProgram` was refused. Indices are 0-based.
public enum LinearProgramError: Error, Equatable, Hashable, Sendable {
    /// The lengths of c, h, u do not match the shape of G. The message gives
    /// all the sizes.
    case dimensionMismatch(String)
    /// NaN or ±infinity in `argument` (`"objective"`, `"lowerBounds"`,
    /// `"upperBounds"` or `"constraints[i, j]"`), at offset `index` of that
    /// array (the column-major offset for the matrix).
    case nonFiniteValue(argument: String, index: Int)
    /// `u_j ≤ 0`: every variable needs a positive range `[0, u_j]`.
    case upperBoundNotPositive(variable: Int, value: Double)
}

extension LinearProgramError: CustomStringConvertible {
    /// A one-line English explanation.
    public var description: String {
        switch self {
        case .dimensionMismatch(let message):
            return "dimension mismatch: \(message)"
        case .nonFiniteValue(let argument, _):
            return "non-finite value (NaN or infinity) in \(argument)"
        case .upperBoundNotPositive(let variable, let value):
            return "upper bound of variable \(variable) is \(value); it must be > 0"
        }
    }
}
