import LinearAlgebra
import LinearProgramming
// Published textbook programmes with known optima and shadow prices, rewritten
// in the solver's form `min cᵀx s.t. Gx ≥ h, 0 ≤ x ≤ u`:
//   max pᵀx s.t. Ax ≤ b   becomes   min (−p)ᵀx s.t. (−A)x ≥ −b,
// and the shadow price of a "≤ b_i" row, dZ/db_i, equals d(cost)/d(h_i) = y_i
// because cost = −Z and h_i = −b_i. Upper bounds u are chosen not to bind
// unless the test is about them.
import Testing

@Suite("Textbook programmes")
struct TextbookTests {
    /// Wyndor Glass Co. (Hillier & Lieberman, Introduction to Operations
    /// Research, §3.1): max 3x₁ + 5x₂ s.t. x₁ ≤ 4, 2x₂ ≤ 12, 3x₁ + 2x₂ ≤ 18.
    /// Optimum x = (2, 6), Z = 36, shadow prices (0, 3/2, 1) (§4.7).
    @Test func wyndorGlassProduction() throws {
        let p = DenseProgram(
            c: [-3, -5], g: [[-1, 0], [0, -2], [-3, -2]], h: [-4, -12, -18], u: [10, 10])
        let s = try solve(p)
        expectCertifiedOptimal(p, s)
        expectClose(s.x, [2, 6], relative: 1e-6, "x")
        expectClose(s.objective, -36, relative: 1e-6, "objective")
        expectClose(s.duals, [0, 1.5, 1], relative: 1e-6, "duals")
    }

    /// The same plant with the first two rows written as variable bounds
    /// (x₁ ≤ 4, x₂ ≤ 6): x₂'s bound binds, so its price moves to v₂ = 3
    /// (reduced cost c₂ − y·g₂ = −5 + 2·1 = −3), and the row keeps y = 1.
    @Test func wyndorWithBoundsAsUpperBounds() throws {
        let p = DenseProgram(c: [-3, -5], g: [[-3, -2]], h: [-18], u: [4, 6])
        let s = try solve(p)
        expectCertifiedOptimal(p, s)
        expectClose(s.x, [2, 6], relative: 1e-6, "x")
        expectClose(s.objective, -36, relative: 1e-6, "objective")
        expectClose(s.duals, [1], relative: 1e-6, "duals")
        // Dual feasibility c − Gᵀy − z + v = 0 with z = 0 (x > 0) and v = (0, 3).
        let reduced = [-3 + 3 * s.duals[0], -5 + 2 * s.duals[0]]
        expectClose(reduced, [0, -3], relative: 1e-6, "reduced costs")
    }

    /// Chvátal, Linear Programming (1983), ch. 2: max 5x₁ + 4x₂ + 3x₃ s.t.
    /// 2x₁ + 3x₂ + x₃ ≤ 5, 4x₁ + x₂ + 2x₃ ≤ 11, 3x₁ + 4x₂ + 2x₃ ≤ 8.
    /// Optimal vertex x = (2, 0, 1), Z = 13; the dual (ch. 5) is y = (1, 0, 1).
    @Test func chvatalDictionaryExample() throws {
        let p = DenseProgram(
            c: [-5, -4, -3],
            g: [[-2, -3, -1], [-4, -1, -2], [-3, -4, -2]], h: [-5, -11, -8], u: [10, 10, 10])
        let s = try solve(p)
        expectCertifiedOptimal(p, s)
        expectClose(s.x, [2, 0, 1], relative: 1e-6, "x")
        expectClose(s.objective, -13, relative: 1e-6, "objective")
        expectClose(s.duals, [1, 0, 1], relative: 1e-6, "duals")
        // Complementary slackness row by row and dual feasibility column by column.
        for i in 0..<p.m {
            #expect(abs(s.duals[i] * (p.rowValue(i, s.x) - p.h[i])) <= 1e-7)
        }
        for j in 0..<p.n {
            let reduced = p.c[j] - (0..<p.m).reduce(0) { $0 + p.g[$1][j] * s.duals[$1] }
            // x₂ = 0 with reduced cost −4 + 7 = 3 > 0; x₁, x₃ basic with reduced cost 0.
            expectClose(reduced, [0, 3, 0][j], relative: 1e-6, "reduced cost \(j)")
        }
    }

    /// Ozark Farms diet (Taha, Operations Research: An Introduction, §2.2):
    /// min 0.3x₁ + 0.9x₂ (corn, soybean meal, $/lb) s.t. x₁ + x₂ ≥ 800 lb,
    /// protein 0.09x₁ + 0.6x₂ ≥ 0.3(x₁ + x₂), fibre 0.02x₁ + 0.06x₂ ≤ 0.05(x₁ + x₂).
    /// Optimum x = (470.59, 329.41), z = $437.65; exactly x = (24000, 16800)/51,
    /// z = 22320/51, and the binding rows price y = (9.3/17, 20/17).
    @Test func ozarkFarmsDiet() throws {
        let p = DenseProgram(
            c: [0.3, 0.9],
            g: [[1, 1], [-0.21, 0.30], [0.03, -0.01]], h: [800, 0, 0], u: [1000, 1000])
        let s = try solve(p)
        expectCertifiedOptimal(p, s)
        expectClose(s.x, [24000.0 / 51, 16800.0 / 51], relative: 1e-6, "x")
        expectClose(s.objective, 22320.0 / 51, relative: 1e-6, "objective")
        expectClose(s.duals, [9.3 / 17, 20.0 / 17, 0], relative: 1e-6, "duals")
    }

    /// A least-cost adoption problem of the optimiser's shape, small enough to
    /// solve by hand: three measures with costs 2, 3, 10 (per full adoption)
    /// and reductions (4, 1), (3, 3), (1, 2) of two pollutants; targets 5 and 3.
    /// The cheapest plan adopts measure 1 to 2/3 and measure 2 to 7/9, where
    /// both targets bind: 4·2/3 + 3·7/9 = 5 and 2/3 + 3·7/9 = 3; cost
    /// 4/3 + 7/3 = 11/3. The prices solve Gᵀy = c on the two adopted measures,
    /// 4y₁ + y₂ = 2 and 3y₁ + 3y₂ = 3: y = (1/3, 2/3); the dual objective
    /// 5/3 + 2 = 11/3 confirms the optimum.
    @Test func leastCostAdoption() throws {
        let p = DenseProgram(c: [2, 3, 10], g: [[4, 3, 1], [1, 3, 2]], h: [5, 3], u: [1, 1, 1])
        let s = try solve(p)
        expectCertifiedOptimal(p, s)
        expectClose(s.x, [2.0 / 3, 7.0 / 9, 0], relative: 1e-6, "x")
        expectClose(s.objective, 11.0 / 3, relative: 1e-6, "objective")
        expectClose(s.duals, [1.0 / 3, 2.0 / 3], relative: 1e-6, "duals")
    }
}
