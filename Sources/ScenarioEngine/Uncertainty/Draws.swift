import EmissionInventory
import Foundation
import Scenarios

/// The random numbers of `emis uncertainty` (Docs/reference/uncertainty.md "Random numbers and statistics").
///
/// Draw d of seed S has its own generator: xoshiro256** whose four words of state are the
/// first four outputs of SplitMix64 started at `S ⊕ (d + 1) · 0x9E3779B97F4A7C15`. A draw's
/// numbers depend only on S and d, so the draws can be computed in any order, on any number
/// of threads, and give the same bytes.
struct DrawGenerator {
    private var s0, s1, s2, s3: UInt64
    /// The second normal of the last Box–Muller pair, not yet used.
    private var spare: Double?

    init(seed: UInt64, draw: Int) {
        var mixer = SplitMix64(seed: seed ^ (UInt64(draw) &+ 1) &* 0x9E37_79B9_7F4A_7C15)
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
    }

    /// xoshiro256** (Blackman and Vigna, 2018).
    mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// A standard normal number: Box–Muller, `√(−2 ln u₁) · cos(2π u₂)` and then its sine
    /// partner, with u₁ ∈ (0, 1] and u₂ ∈ [0, 1) of 53 random bits each.
    mutating func normal() -> Double {
        if let z = spare {
            spare = nil
            return z
        }
        let u1 = Double((next() >> 11) + 1) * 0x1p-53
        let u2 = Double(next() >> 11) * 0x1p-53
        let r = (-2 * log(u1)).squareRoot()
        let angle = 2 * Double.pi * u2
        spare = r * sin(angle)
        return r * cos(angle)
    }
}

extension UncertainFactor {
    /// X for the standard normal score z (Docs/reference/uncertainty.md "Distributions"):
    /// - lognormal: `exp(μ + σ z)`, `μ = (ln(1+U) + ln(1+L)) / 2`, `σ = (ln(1+U) − ln(1+L)) / 3.92`;
    /// - normal: `max(0, 1 + (L+U)/2 + z (U−L)/3.92)`;
    /// - uniform on `[1+L, 1+U]` and triangular on it with mode 1: the inverse of their
    ///   distribution function at `Φ(z)`.
    /// A level factor is at most 1; a zero-width range gives exactly 1.
    func multiplier(z: Double) -> Double {
        let (a, b) = (1 + lower, 1 + upper)
        var x: Double
        switch distribution {
        case .lognormal:
            let (la, lb) = (log(a), log(b))
            x = exp((la + lb) / 2 + z * (lb - la) / 3.92)
        case .normal:
            x = max(0, 1 + (lower + upper) / 2 + z * (upper - lower) / 3.92)
        case .uniform:
            x = a + (b - a) * standardNormalCDF(z)
        case .triangular:
            let u = standardNormalCDF(z)
            if b == a {
                x = a
            } else if u < (1 - a) / (b - a) {
                x = a + (u * (b - a) * (1 - a)).squareRoot()
            } else {
                x = b - ((1 - u) * (b - a) * (b - 1)).squareRoot()
            }
        }
        if case .level = subject { x = min(x, 1) }
        return x
    }
}

/// Φ(z), the standard normal distribution function.
func standardNormalCDF(_ z: Double) -> Double { 0.5 * erfc(-z / 2.0.squareRoot()) }

/// One draw's multipliers: per factor, one X (drawn once for the selection) or one per
/// source of its selection.
struct DrawMultipliers {
    var values: [[Double]]

    /// The factor's value for sensitivity: its X, or the mean of its per-source X.
    func summary(_ f: Int) -> Double {
        let x = values[f]
        return x.count == 1 ? x[0] : x.reduce(0, +) / Double(max(1, x.count))
    }
}

extension FactorModel {
    /// The multipliers of draw `draw`: first one standard normal per correlated factor (in
    /// factor order), correlated through the Cholesky factor (`z = L·n`), then the per-source
    /// factors' numbers, factor by factor, source by source.
    func multipliers(seed: UInt64, draw: Int) -> DrawMultipliers {
        var generator = DrawGenerator(seed: seed, draw: draw)
        var independent = [Double](repeating: 0, count: correlatedCount)
        for i in 0..<correlatedCount { independent[i] = generator.normal() }
        var z = independent
        if let cholesky {
            let n = correlatedCount
            for i in 0..<n {
                var sum = 0.0
                for k in 0...i { sum += cholesky[k * n + i] * independent[k] }
                z[i] = sum
            }
        }
        var values: [[Double]] = []
        values.reserveCapacity(factors.count)
        for resolved in factors {
            if let i = resolved.correlatedIndex {
                values.append([resolved.factor.multiplier(z: z[i])])
            } else {
                var xs = [Double](repeating: 1, count: resolved.perSourceCount)
                for s in xs.indices { xs[s] = resolved.factor.multiplier(z: generator.normal()) }
                values.append(xs)
            }
        }
        return DrawMultipliers(values: values)
    }
}

extension Growth {
    /// The growth with its change multiplied by X: a rate r becomes r·X (at least −1), an
    /// index value v becomes 1 + X·(v − 1) (at least 0): activity never turns negative.
    func scaled(by x: Double) -> Growth {
        switch self {
        case let .rate(r):
            return .rate(max(-1, r * x))
        case let .index(points):
            return .index(points.map { Growth.YearValue(year: $0.year, value: max(0, 1 + x * ($0.value - 1))) })
        }
    }
}

extension ProjectionEngine {
    /// The engine of one draw: exactly the engine the scenario and inventory would give with
    /// every k, A0, φ and driver change multiplied by its factors' X (the product, when
    /// several factors hold for one number), the resolved selections reused.
    func perturbed(by draw: DrawMultipliers, model: FactorModel) throws -> ProjectionEngine {
        var engine = self
        var inputsChanged = false
        var growthScale: [Int: Double] = [:]
        let n = universe.inventoryCount
        for (f, resolved) in model.factors.enumerated() {
            let x = draw.values[f]
            if x.count == 1 && x[0] == 1 { continue }
            switch resolved.target {
            case let .emissionFactor(selection, pollutants):
                let split = selection.firstIndex { Int($0) >= n } ?? selection.count
                let rows = Array(selection[..<split])
                let rowFactors = x.count == 1 ? x : Array(x[..<split])
                for p in pollutants {
                    engine.universe.table.scaleIntensity(of: p, rows: rows, by: rowFactors)
                    for i in split..<selection.count {
                        engine.universe.scaleExtraIntensity(Int(selection[i]), p, by: x.count == 1 ? x[0] : x[i])
                    }
                }
                inputsChanged = true
            case let .activity(selection):
                let split = selection.firstIndex { Int($0) >= n } ?? selection.count
                engine.universe.table.scaleActivity(
                    rows: Array(selection[..<split]), by: x.count == 1 ? x : Array(x[..<split]))
                for i in split..<selection.count {
                    engine.universe.scaleExtraActivity(Int(selection[i]), by: x.count == 1 ? x[0] : x[i])
                }
                inputsChanged = true
            case let .level(j):
                engine.levelScale[j] *= x[0]
            case let .growth(drivers):
                for d in drivers { growthScale[d, default: 1] *= x[0] }
            }
        }
        if !growthScale.isEmpty {
            // Recomputed as the engine first did: source drivers in order, the last driver of
            // a macro series giving its growth.
            let baseYear = inventory.baseYear
            var sourceDriver = 0
            for (d, driver) in scenario.drivers.enumerated() {
                let growth = growthScale[d].map { driver.growth.scaled(by: $0) } ?? driver.growth
                switch driver.subject {
                case .sources:
                    if growthScale[d] != nil {
                        engine.driverGrowth[sourceDriver] = years.map { growth.factor(year: $0, baseYear: baseYear) }
                    }
                    sourceDriver += 1
                case let .macro(name):
                    if let base = engine.macro[name]?.base {
                        engine.macro[name] = (base, years.map { growth.factor(year: $0, baseYear: baseYear) })
                    }
                }
            }
            inputsChanged = true
        }
        guard inputsChanged else { return engine }
        for i in engine.targetPlans.indices {
            let plan = engine.targetPlans[i]
            engine.targetPlans[i].baseTotal = Self.baseTotal(plan.target.metric, plan.selection, engine.universe)
        }
        engine.baseline = try BaselineSums(
            universe: engine.universe, driverOfSource: driverOfSource, driverGrowth: engine.driverGrowth,
            yearCount: years.count, targets: engine.targetPlans.map { ($0.target.metric, $0.selection) })
        return engine
    }
}
