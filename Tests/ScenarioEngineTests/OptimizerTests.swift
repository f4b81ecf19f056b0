import Diagnostics
import EmisTestSupport
import EmissionInventory
import Foundation
import LinearAlgebra
import Scenarios
import Testing

@testable import ScenarioEngine

/// Least-cost portfolios on problems whose exact projection is linear in the levels
/// (candidates on disjoint sources): the optimiser must find the true optimum, which an
/// independent brute-force search over the vertices of the LP confirms.
@Suite struct OptimizerTests {
    static let sources = """
        id,sector,activity,SO2.ef,NOx.ef,VOCs.ef,CO2.ef
        a,industry/a,1000,10,5,,1000
        b,industry/b,2000,5,8,,500
        c,industry/c,500,,20,4,
        d,solvents/d,100,,,300,
        e,power/e,10000,1,2,,900

        """

    func candidate(_ id: String, _ kind: Measure.Kind, _ source: String, capital: Double, om: Double = 0) -> Measure {
        Measure(
            id: id, kind: kind, select: select(ids: [source]), start: 2021, full: 2021,
            cost: Cost(capital: capital, operation: om, lifetime: 10), isCandidate: true)
    }

    var candidates: [Measure] {
        [
            candidate(
                "ule-a", .retrofit(efficiency: [.so2: 0.9, .nox: 0.5], additional: [:], coverage: 1), "a", capital: 2e6),
            candidate(
                "ule-b", .retrofit(efficiency: [.nox: 0.7], additional: [:], coverage: 1), "b", capital: 3e6, om: 1e5),
            candidate("vocs-d", .retrofit(efficiency: [.vocs: 0.8], additional: [:], coverage: 1), "d", capital: 5e5),
            candidate("close-c", .scale(factor: 0), "c", capital: 1e6, om: 2e5),
        ]
    }

    func optimizer(targets: [Target]) throws -> LeastCostOptimizer {
        let inv = try inventory(Self.sources)
        let scenario = Scenario(
            id: "opt", file: "opt.yaml", inventoryPath: "i", years: 2020...2025,
            measures: candidates, targets: targets, economics: Economics(discountRate: 0.05))
        var diagnostics = DiagnosticList()
        let engine = try #require(ProjectionEngine(scenario: scenario, inventory: inv, diagnostics: &diagnostics))
        return LeastCostOptimizer(engine: engine)
    }

    /// Totals: SO2 30 t, NOx 51 t, VOCs 32 t, CO2 11,000 t. At full level ule-a cuts SO2
    /// 9 t and NOx 2.5 t, ule-b NOx 11.2 t, vocs-d VOCs 24 t, close-c NOx 10 t and VOCs 2 t.
    static let targets = [
        Target(id: "nox", metric: .pollutant(.nox), year: 2025, kind: .reduction(0.3)),
        Target(id: "vocs", metric: .pollutant(.vocs), year: 2025, kind: .cap(20)),
        Target(id: "so2", metric: .pollutant(.so2), year: 2025, kind: .projectReduction(5)),
    ]

    @Test func findsTheOptimumOfTheExactProblem() throws {
        let optimizer = try optimizer(targets: Self.targets)
        let result = try optimizer.minimizeCost(year: 2025)
        #expect(result.status == .optimal)
        #expect(result.rows.allSatisfy { result.projection.targets[$0].met })
        // The exact problem: costs c, effects per unit level a (from full level), ceilings.
        let candidates = try optimizer.candidates()
        let full = optimizer.engine.project(levels: optimizer.uniform(candidates, 1))
        let zero = optimizer.engine.project(levels: optimizer.uniform(candidates, 0))
        let rows = result.rows
        let a = rows.map { t in candidates.map { full.targetEffects[$0.measure][t] } }
        let b = rows.map { t in optimizer.excess(zero.targets[t], index: t, in: zero) }
        let best = try #require(try bruteForce(c: candidates.map(\.annualCost), a: a, b: b))
        #expect(abs(result.annualCost - best) <= 1e-6 * best, "\(result.annualCost) vs \(best)")
    }

    @Test func reportsInfeasibleTargetsWithTheirShortfall() throws {
        let impossible = Self.targets + [Target(id: "co2", metric: .pollutant(.co2), year: 2025, kind: .reduction(0.9))]
        let result = try optimizer(targets: impossible).minimizeCost(year: 2025)
        #expect(result.status == .infeasible)
        let json = OptimizationExport.json(result).serialized()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let short = try #require(object["short"] as? [[String: Any]])
        #expect(short.map { $0["id"] as? String } == ["co2"])
        #expect((short[0]["margin"] as? Double ?? 0) < 0)
    }

    @Test func shadowPriceIsTheMarginalCostOfTighteningATarget() throws {
        let result = try optimizer(targets: Self.targets).minimizeCost(year: 2025)
        let price = try #require(result.shadowPrices["vocs"])
        var tighter = Self.targets
        tighter[1] = Target(id: "vocs", metric: .pollutant(.vocs), year: 2025, kind: .cap(19))
        let tightened = try optimizer(targets: tighter).minimizeCost(year: 2025)
        // Lowering the cap by 1 t costs the price; the marginal tonne comes from vocs-d,
        // 24 t for its annualised cost at full level.
        #expect(price > 0)
        #expect(abs((tightened.annualCost - result.annualCost) - price) <= 1e-4 * price)
        let vocsD = try optimizer(targets: Self.targets).candidates().first { $0.id == "vocs-d" }!
        #expect(abs(price - vocsD.annualCost / 24) <= 1e-4 * price)
    }

    @Test func maximizeWithinABudget() throws {
        let optimizer = try optimizer(targets: Self.targets)
        let candidates = try optimizer.candidates()
        let budget = candidates.first { $0.id == "ule-b" }!.annualCost * 0.5
        let result = try optimizer.maximizeReduction(of: .nox, budget: budget, year: 2025)
        #expect(result.annualCost <= budget * (1 + 1e-6))
        #expect((result.maximized?.reduction ?? 0) > 0)
    }

    @Test func costCurveIsSortedByCostPerTonne() throws {
        let optimizer = try optimizer(targets: Self.targets)
        let curve = try AbatementCostCurve(optimizer: optimizer, pollutant: .nox, year: 2025)
        #expect(curve.steps.map(\.costPerTonne) == curve.steps.map(\.costPerTonne).sorted())
        #expect(Set(curve.steps.map(\.id)) == ["ule-a", "ule-b", "close-c"])
        #expect(abs(curve.steps.last!.cumulativeReduction - curve.steps.reduce(0) { $0 + $1.reduction }) < 1e-9)
    }

    /// For tiny rates 1 + i rounds to 1 and the textbook form is 0/0; the stable form tends
    /// to 1/n (CRF = 1/n + (n + 1)/(2n) · i + O(i²)), and it is monotone in i.
    @Test func capitalRecoveryFactorIsStableForTinyRates() {
        for rate in [1e-17, 1e-12, 1e-9] {
            let crf = Cost.capitalRecoveryFactor(rate: rate, lifetime: 10)
            #expect(abs(crf - (0.1 + 0.55 * rate)) <= 1e-15, "\(rate): \(crf)")
        }
        var previous = Cost.capitalRecoveryFactor(rate: 0, lifetime: 15)
        for k in 1...60 {
            let crf = Cost.capitalRecoveryFactor(rate: Double(k) / 200, lifetime: 15)
            #expect(crf > previous)
            previous = crf
        }
    }

    @Test func annualisedCostUsesTheCapitalRecoveryFactor() {
        // i = 5 %, n = 10: CRF = 0.05 / (1 − 1.05^−10) = 0.129504575…
        #expect(abs(Cost.capitalRecoveryFactor(rate: 0.05, lifetime: 10) - 0.12950457496545661) < 1e-15)
        #expect(Cost.capitalRecoveryFactor(rate: 0, lifetime: 20) == 0.05)
        #expect(
            abs(Cost(capital: 1e6, operation: 1e4, lifetime: 10).annualized(discountRate: 0.05) - 139_504.574_965_456_6)
                < 1e-6)
    }

    @Test func candidatesAreLeftOutUnlessLevelsAreGiven() throws {
        let optimizer = try optimizer(targets: Self.targets)
        let none = optimizer.engine.project()
        #expect(none.measures.isEmpty)
        #expect(none.totals == none.baselineTotals)
        let half = optimizer.engine.project(levels: ["ule-a": 0.5])
        #expect(half.measures.map(\.id) == ["ule-a"])
        let full = optimizer.engine.project(levels: ["ule-a": 1])
        // Linear in the level: half the cut.
        #expect(abs(half.measures[0].reduction[.so2]![5] * 2 - full.measures[0].reduction[.so2]![5]) < 1e-9)
    }

    /// min cᵀx s.t. a x ≥ b, 0 ≤ x ≤ 1 by enumerating the vertices: every choice of n active
    /// constraints among the m rows and 2n bounds, solved as a linear system.
    func bruteForce(c: [Double], a: [[Double]], b: [Double]) throws -> Double? {
        let n = c.count
        let m = a.count
        var rows: [([Double], Double)] = zip(a, b).map { ($0, $1) }
        for j in 0..<n {
            rows.append(((0..<n).map { $0 == j ? 1 : 0 }, 0))  // x_j ≥ 0
            rows.append(((0..<n).map { $0 == j ? -1 : 0 }, -1))  // −x_j ≥ −1
        }
        var best: Double?
        func choose(_ start: Int, _ picked: [Int]) {
            if picked.count == n {
                guard let matrix = try? Matrix(rows: picked.map { rows[$0].0 }),
                    let x = try? LinearAlgebra.solve(matrix, picked.map { rows[$0].1 })
                else { return }
                let feasible = rows.allSatisfy { row in
                    zip(row.0, x).reduce(0) { $0 + $1.0 * $1.1 } >= row.1 - 1e-7 * max(1, abs(row.1))
                }
                guard feasible else { return }
                let cost = zip(c, x).reduce(0) { $0 + $1.0 * $1.1 }
                if best == nil || cost < best! { best = cost }
                return
            }
            guard start < rows.count else { return }
            for k in start..<rows.count { choose(k + 1, picked + [k]) }
        }
        _ = m
        choose(0, [])
        return best
    }
}
