import Diagnostics
import EmissionInventory
import Scenarios

/// The state of every source in one year while the measures are applied, and the sums the
/// result needs. One value per year, owned by the thread computing that year.
struct YearProjection {
    let engine: ProjectionEngine
    let yearIndex: Int
    let year: Int
    let pollutants: [Pollutant]
    /// Activity of each source.
    var activity: [Double]
    /// Abatement factor `a = 1 − η` per pollutant, allocated when a measure first changes it.
    var abatement: [[Double]?]
    /// Emission multiplier `m` per pollutant, allocated when a measure first changes it.
    var multiplier: [[Double]?]
    /// Per pollutant: intensity k and base efficiency η0 of inventory sources (shared), and of
    /// scenario-defined sources.
    let intensity: [[Double]]
    let efficiency: [[Double]]
    let extraIntensity: [[Double]]
    let extraEfficiency: [[Double]]

    // Results.
    var baselineTotals: [Double]
    var totals: [Double] = []
    /// `reductions[measure][pollutant]`.
    var reductions: [[Double]]
    var energy = 0.0
    var nonFossilEnergy = 0.0
    /// Baseline and scenario totals of each target's selection in this year (targets of
    /// other years: 0).
    var targetBaseline: [Double]
    var targetScenario: [Double]
    /// `groupTotals[pollutant][group]` when a breakdown is asked for.
    var groupTotals: [[Double]] = []
    /// Reductions and substitutions that asked for more than the selection had.
    var shortfalls: [Shortfall] = []

    struct Shortfall {
        var measure: Int
        /// nil for a substitution's activity.
        var pollutant: Pollutant?
        var requested: Double
        var available: Double
    }

    init(engine: ProjectionEngine, yearIndex: Int) {
        self.engine = engine
        self.yearIndex = yearIndex
        year = engine.years[yearIndex]
        let universe = engine.universe
        pollutants = universe.pollutants
        let n = universe.count
        let inventoryCount = universe.inventoryCount
        intensity = pollutants.map { universe.table.columns(for: $0)?.intensity ?? [] }
        efficiency = pollutants.map { universe.table.columns(for: $0)?.efficiency ?? [] }
        extraIntensity = pollutants.map { p in universe.extras.map { $0.pollutants[p]?.intensity ?? 0 } }
        extraEfficiency = pollutants.map { p in universe.extras.map { $0.pollutants[p]?.efficiency ?? 0 } }
        abatement = Array(repeating: nil, count: pollutants.count)
        multiplier = Array(repeating: nil, count: pollutants.count)
        reductions = Array(repeating: Array(repeating: 0, count: pollutants.count), count: engine.plans.count)
        baselineTotals = Array(repeating: 0, count: pollutants.count)
        targetBaseline = Array(repeating: 0, count: engine.targetPlans.count)
        targetScenario = Array(repeating: 0, count: engine.targetPlans.count)

        // A(y) = A0 · g(y); inline substitution targets start at 0, `add` sources appear when
        // their measure applies.
        activity = [Double](repeating: 0, count: n)
        let base = universe.table.activity
        let driverOf = engine.driverOfSource
        let t = yearIndex
        let growth = engine.driverGrowth.map { $0[t] }
        for s in 0..<inventoryCount {
            let d = driverOf[s]
            activity[s] = d < 0 ? base[s] : base[s] * growth[Int(d)]
        }
    }

    // MARK: - Per-source factors

    @inline(__always) func k(_ p: Int, _ s: Int) -> Double {
        s < intensityCount(p) ? intensity[p][s] : extraK(p, s)
    }

    @inline(__always) private func intensityCount(_ p: Int) -> Int { intensity[p].count }

    private func extraK(_ p: Int, _ s: Int) -> Double {
        let e = s - engine.universe.inventoryCount
        return e >= 0 ? extraIntensity[p][e] : 0
    }

    @inline(__always) func a(_ p: Int, _ s: Int) -> Double {
        if let values = abatement[p] { return values[s] }
        return 1 - eta0(p, s)
    }

    @inline(__always) func eta0(_ p: Int, _ s: Int) -> Double {
        if s < efficiency[p].count { return efficiency[p][s] }
        let e = s - engine.universe.inventoryCount
        return e >= 0 ? extraEfficiency[p][e] : 0
    }

    @inline(__always) func m(_ p: Int, _ s: Int) -> Double {
        multiplier[p]?[s] ?? 1
    }

    /// Emissions of source s, pollutant index p: `A · k · a · m`.
    @inline(__always) func emission(_ p: Int, _ s: Int) -> Double {
        activity[s] * k(p, s) * a(p, s) * m(p, s)
    }

    /// Emission per unit of activity: `k · a · m`.
    @inline(__always) func rate(_ p: Int, _ s: Int) -> Double {
        k(p, s) * a(p, s) * m(p, s)
    }

    mutating func ensureAbatement(_ p: Int) {
        guard abatement[p] == nil else { return }
        let n = activity.count
        abatement[p] = (0..<n).map { 1 - eta0(p, $0) }
    }

    mutating func ensureMultiplier(_ p: Int) {
        if multiplier[p] == nil { multiplier[p] = [Double](repeating: 1, count: activity.count) }
    }

    func total(_ p: Int, over selection: [Int32]?) -> Double {
        var sum = CompensatedSum()
        if let selection {
            for s in selection { sum.add(emission(p, Int(s))) }
            return sum.value
        }
        // All sources: the hot loop of a projection (twice per pollutant and year), written
        // over raw buffers for the inventory's sources; the few scenario-defined ones after.
        let inventoryCount = engine.universe.inventoryCount
        if !intensity[p].isEmpty {
            activity.withUnsafeBufferPointer { a in
                intensity[p].withUnsafeBufferPointer { k in
                    switch (abatement[p], multiplier[p]) {
                    case (nil, nil):
                        efficiency[p].withUnsafeBufferPointer { eta in
                            for s in 0..<inventoryCount { sum.add(a[s] * k[s] * (1 - eta[s])) }
                        }
                    case let (abatement?, nil):
                        abatement.withUnsafeBufferPointer { f in
                            for s in 0..<inventoryCount { sum.add(a[s] * k[s] * f[s]) }
                        }
                    case let (nil, multiplier?):
                        efficiency[p].withUnsafeBufferPointer { eta in
                            multiplier.withUnsafeBufferPointer { m in
                                for s in 0..<inventoryCount { sum.add(a[s] * k[s] * (1 - eta[s]) * m[s]) }
                            }
                        }
                    case let (abatement?, multiplier?):
                        abatement.withUnsafeBufferPointer { f in
                            multiplier.withUnsafeBufferPointer { m in
                                for s in 0..<inventoryCount { sum.add(a[s] * k[s] * f[s] * m[s]) }
                            }
                        }
                    }
                }
            }
        }
        for s in inventoryCount..<activity.count { sum.add(emission(p, s)) }
        return sum.value
    }

    // MARK: - The year

    /// Runs the year: baseline sums, every measure in order, then the scenario sums.
    mutating func run(levels: [String: Double], groupOfSource: [Int32]?, groupCount: Int) {
        let pCount = pollutants.count
        for p in 0..<pCount { baselineTotals[p] = total(p, over: nil) }
        measureTargets(into: &targetBaseline)

        for (j, plan) in engine.plans.enumerated() {
            let measure = plan.measure
            let level = measure.isCandidate ? (levels[measure.id] ?? 0) : 1
            let phi = measure.phase(year) * level
            guard phi > 0 else { continue }
            apply(j, plan, phi)
        }

        totals = (0..<pCount).map { total($0, over: nil) }
        measureTargets(into: &targetScenario)
        if engine.universe.hasEnergy {
            var all = CompensatedSum(), nonFossil = CompensatedSum()
            for s in 0..<activity.count {
                let e = activity[s] * engine.universe.energyPerActivity(s)
                all.add(e)
                if !engine.universe.isFossil(s) { nonFossil.add(e) }
            }
            energy = all.value
            nonFossilEnergy = nonFossil.value
        }
        if let groupOfSource {
            groupTotals = (0..<pCount).map { p in
                var sums = [CompensatedSum](repeating: CompensatedSum(), count: groupCount)
                for s in 0..<activity.count { sums[Int(groupOfSource[s])].add(emission(p, s)) }
                return sums.map(\.value)
            }
        }
    }

    /// Totals of each target of this year over its selection (emissions or energy).
    private func measureTargets(into values: inout [Double]) {
        for (i, plan) in engine.targetPlans.enumerated() where plan.target.year == year {
            switch plan.target.metric {
            case let .pollutant(pollutant):
                guard let p = pollutants.firstIndex(of: pollutant) else { values[i] = 0; continue }
                values[i] = total(p, over: plan.selection)
            case .energy:
                var sum = CompensatedSum()
                let sources = plan.selection.map { $0.map(Int.init) } ?? Array(0..<activity.count)
                for s in sources { sum.add(activity[s] * engine.universe.energyPerActivity(s)) }
                values[i] = sum.value
            }
        }
    }

    /// Applies measure j at phase φ and records its attribution per pollutant.
    private mutating func apply(_ j: Int, _ plan: ProjectionEngine.MeasurePlan, _ phi: Double) {
        let pCount = pollutants.count
        let selection = plan.selection
        switch plan.measure.kind {
        case let .scale(factor):
            // A ← A · (1 − φ(1 − f)); the removed activity takes its emissions with it.
            let keep = 1 - phi * (1 - factor)
            var sums = [CompensatedSum](repeating: CompensatedSum(), count: pCount)
            for s32 in selection {
                let s = Int(s32)
                let removed: Double = activity[s] * (1 - keep)
                for p in 0..<pCount {
                    let emitted: Double = removed * rate(p, s)
                    sums[p].add(emitted)
                }
                activity[s] *= keep
            }
            reductions[j] = sums.map(\.value)

        case let .substitute(_, quantity, ratio):
            guard let target = plan.source else { return }
            var fraction: Double
            switch quantity {
            case let .share(share):
                fraction = share * phi
            case let .amount(amount):
                // The selection gives Q·φ in total, pro rata to current activity, at most all.
                var available = CompensatedSum()
                for s in selection { available.add(activity[Int(s)]) }
                let wanted = amount * phi
                fraction = available.value > 0 ? min(1, wanted / available.value) : 0
                if wanted > available.value * (1 + 1e-12) {
                    shortfalls.append(Shortfall(measure: j, pollutant: nil, requested: wanted, available: available.value))
                }
            }
            var sums = [CompensatedSum](repeating: CompensatedSum(), count: pCount)
            var moved = CompensatedSum()
            for s32 in selection {
                let s = Int(s32)
                let out: Double = activity[s] * fraction
                for p in 0..<pCount {
                    let removed: Double = out * rate(p, s)
                    sums[p].add(removed)
                }
                activity[s] -= out
                moved.add(out)
            }
            let added: Double = ratio * moved.value
            for p in 0..<pCount {
                let gained: Double = added * rate(p, target)
                sums[p].add(-gained)
            }
            activity[target] += added
            reductions[j] = sums.map(\.value)

        case let .retrofit(efficiencies, additional, coverage):
            for p in 0..<pCount {
                let pollutant = pollutants[p]
                let replacement = efficiencies[pollutant]
                let addOn = additional[pollutant]
                guard replacement != nil || addOn != nil else { continue }
                ensureAbatement(p)
                var sum = CompensatedSum()
                for s32 in selection {
                    let s = Int(s32)
                    let before = abatement[p]![s]
                    var after = before
                    if let eta = replacement {
                        // a ← a − φ·c·max(0, η_new − (1 − a))
                        after -= phi * coverage * max(0, eta - (1 - after))
                    }
                    if let delta = addOn {
                        // a ← a · (1 − φ·c·δ)
                        after *= 1 - phi * coverage * delta
                    }
                    abatement[p]![s] = after
                    sum.add(activity[s] * k(p, s) * (before - after) * m(p, s))
                }
                reductions[j][p] = sum.value
            }

        case let .reduction(amounts):
            for (pollutant, amount) in amounts {
                guard let p = pollutants.firstIndex(of: pollutant) else {
                    shortfalls.append(Shortfall(measure: j, pollutant: pollutant, requested: amount * phi, available: 0))
                    continue
                }
                let current = total(p, over: selection)
                let wanted = phi * amount
                if wanted > current * (1 + 1e-12) || current == 0 {
                    shortfalls.append(Shortfall(measure: j, pollutant: pollutant, requested: wanted, available: current))
                }
                guard current > 0 else { continue }
                // m ← m · max(0, 1 − φ·R / E_sel)
                scaleMultiplier(p, selection, by: max(0, 1 - wanted / current), measure: j, current: current)
            }

        case let .cap(limits):
            for (pollutant, limit) in limits {
                guard let p = pollutants.firstIndex(of: pollutant) else { continue }
                let current = total(p, over: selection)
                guard current > limit, current > 0 else { continue }
                // Scale so that the total is (1 − φ)·current + φ·min(current, C).
                let wanted = (1 - phi) * current + phi * limit
                scaleMultiplier(p, selection, by: wanted / current, measure: j, current: current)
            }

        case .add:
            // A new source whose activity is φ · activity, grown by its driver.
            guard let source = plan.source else { return }
            let d = engine.driverOfSource[source]
            let grown = engine.universe.baseActivity(source) * (d < 0 ? 1 : engine.driverGrowth[Int(d)][yearIndex])
            activity[source] = phi * grown
            for p in 0..<pCount { reductions[j][p] = -emission(p, source) }
        }
    }

    /// Multiplies `m` of the selection by `factor` and records the attribution.
    private mutating func scaleMultiplier(_ p: Int, _ selection: [Int32], by factor: Double, measure j: Int,
                                          current: Double) {
        ensureMultiplier(p)
        var after = CompensatedSum()
        for s32 in selection {
            let s = Int(s32)
            multiplier[p]![s] *= factor
            after.add(emission(p, s))
        }
        reductions[j][p] = current - after.value
    }
}
