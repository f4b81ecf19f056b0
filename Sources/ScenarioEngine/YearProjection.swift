import Diagnostics
import EmissionInventory
import Scenarios

/// What one year of a projection adds up to.
struct YearResult: Sendable {
    var baselineTotals: [Double]
    var totals: [Double]
    /// `reductions[measure][pollutant]`.
    var reductions: [[Double]]
    var energy = 0.0
    var nonFossilEnergy = 0.0
    /// Baseline and scenario totals of each target's quantity in this year (0 for targets of
    /// other years).
    var targetBaseline: [Double]
    var targetScenario: [Double]
    /// `targetEffects[measure][target]`: how much measure j lowered target i's quantity
    /// (emissions or energy of its selection) in this year, for the targets of this year.
    var targetEffects: [[Double]] = []
    /// `groupTotals[pollutant][group]` when a breakdown is asked for.
    var groupTotals: [[Double]] = []
    /// Reductions and substitutions that asked for more than the selection had.
    var shortfalls: [Shortfall] = []

    struct Shortfall: Sendable {
        var measure: Int
        /// nil for a substitution's activity.
        var pollutant: Pollutant?
        var requested: Double
        var available: Double
    }
}

/// Computes years of a projection, one after another, reusing its per-source arrays.
///
/// Per source s and pollutant P the state is activity `A`, abatement factor `a = 1 − η` and
/// emission multiplier `m`: `E = A · k · a · m`. A year needs `A` only where a measure (or a
/// target's selection) looks, so `A(s) = A0 · g(y)` is filled in on first use, marked by a
/// per-source stamp of the year; `a` and `m` arrays exist only for pollutants that measures
/// change, and after each year just the entries the measures changed are set back.
///
/// Totals: the baseline comes from `BaselineSums` (one matrix product for all years); the
/// scenario total is the baseline minus the measures' attributions, each computed over the
/// sources its measure changes. So a year costs time in proportion to the measures'
/// selections, not to the inventory. `reference` instead adds up every source directly
/// (the straightforward path, used by tests to check the fast one).
struct ProjectionWorker {
    let engine: ProjectionEngine
    let pollutants: [Pollutant]
    private(set) var activity: [Double]
    private var stamp: [Int32]
    private var generation: Int32 = 0
    private var growth: [Double] = []
    private var abatement: [[Double]?]
    private var multiplier: [[Double]?]
    /// Per pollutant: intensity k and base efficiency η0 of the inventory's sources (shared,
    /// not copied) and of the sources the scenario defines.
    private let intensity: [[Double]]
    private let efficiency: [[Double]]
    private let extraIntensity: [[Double]]
    private let extraEfficiency: [[Double]]
    private let inventoryCount: Int
    private let hasEnergy: Bool

    init(engine: ProjectionEngine) {
        self.engine = engine
        let universe = engine.universe
        pollutants = universe.pollutants
        inventoryCount = universe.inventoryCount
        hasEnergy = universe.hasEnergy
        let n = universe.count
        intensity = pollutants.map { universe.table.columns(for: $0)?.intensity ?? [] }
        efficiency = pollutants.map { universe.table.columns(for: $0)?.efficiency ?? [] }
        extraIntensity = pollutants.map { p in universe.extras.map { $0.pollutants[p]?.intensity ?? 0 } }
        extraEfficiency = pollutants.map { p in universe.extras.map { $0.pollutants[p]?.efficiency ?? 0 } }
        activity = [Double](repeating: 0, count: n)
        stamp = [Int32](repeating: 0, count: n)
        abatement = Array(repeating: nil, count: pollutants.count)
        multiplier = Array(repeating: nil, count: pollutants.count)
        // Factor arrays for the pollutants that some measure changes, made once.
        for plan in engine.plans {
            switch plan.measure.kind {
            case let .retrofit(efficiencies, additional, _):
                for pollutant in Set(efficiencies.keys).union(additional.keys) {
                    if let p = pollutants.firstIndex(of: pollutant), abatement[p] == nil {
                        abatement[p] = baseAbatement(p, count: n)
                    }
                }
            case let .reduction(amounts):
                for pollutant in amounts.keys {
                    if let p = pollutants.firstIndex(of: pollutant), multiplier[p] == nil {
                        multiplier[p] = [Double](repeating: 1, count: n)
                    }
                }
            case let .cap(limits):
                for pollutant in limits.keys {
                    if let p = pollutants.firstIndex(of: pollutant), multiplier[p] == nil {
                        multiplier[p] = [Double](repeating: 1, count: n)
                    }
                }
            default:
                break
            }
        }
    }

    /// `1 − η0` of every source for pollutant p.
    private func baseAbatement(_ p: Int, count n: Int) -> [Double] {
        [Double](unsafeUninitializedCapacity: n) { buffer, initialized in
            let eta = efficiency[p]
            let inventoryPart = eta.isEmpty ? 0 : inventoryCount
            for s in 0..<inventoryPart { buffer[s] = 1 - eta[s] }
            for s in inventoryPart..<n { buffer[s] = 1 - eta0(p, s) }
            initialized = n
        }
    }

    // MARK: - Per-source factors

    @inline(__always) func k(_ p: Int, _ s: Int) -> Double {
        s < inventoryCount ? (intensity[p].isEmpty ? 0 : intensity[p][s]) : extraIntensity[p][s - inventoryCount]
    }

    @inline(__always) func eta0(_ p: Int, _ s: Int) -> Double {
        s < inventoryCount ? (efficiency[p].isEmpty ? 0 : efficiency[p][s]) : extraEfficiency[p][s - inventoryCount]
    }

    @inline(__always) func a(_ p: Int, _ s: Int) -> Double {
        abatement[p]?[s] ?? 1 - eta0(p, s)
    }

    @inline(__always) func m(_ p: Int, _ s: Int) -> Double {
        multiplier[p]?[s] ?? 1
    }

    /// Emission per unit of activity, `k · a · m`.
    @inline(__always) func rate(_ p: Int, _ s: Int) -> Double {
        k(p, s) * a(p, s) * m(p, s)
    }

    /// Fills in this year's activity of the given sources where it is not yet known:
    /// `A0 · g(y)` for inventory sources, 0 for sources a measure defines (an `add` sets its
    /// source's activity when it applies).
    private mutating func prepareActivity<S: Sequence<Int32>>(_ sources: S) {
        let base = engine.universe.table.activity
        let driverOf = engine.driverOfSource
        let growth = self.growth, generation = self.generation, inventoryCount = self.inventoryCount
        stamp.withUnsafeMutableBufferPointer { stamp in
            activity.withUnsafeMutableBufferPointer { activity in
                for s32 in sources {
                    let s = Int(s32)
                    guard stamp[s] != generation else { continue }
                    stamp[s] = generation
                    if s < inventoryCount {
                        let d = driverOf[s]
                        activity[s] = d < 0 ? base[s] : base[s] * growth[Int(d)]
                    } else {
                        activity[s] = 0
                    }
                }
            }
        }
    }

    private mutating func prepareAllActivity() {
        prepareActivity((0..<Int32(activity.count)))
    }

    /// Σ_i w_i · k · a · m over the selected sources (w_i for the i-th of them), over raw
    /// buffers for the inventory's sources; the few scenario-defined ones (last in the
    /// sorted selection) after.
    func rateSum(_ p: Int, _ selection: [Int32], weights: [Double]) -> Double {
        var sum = CompensatedSum()
        var split = selection.count
        while split > 0, Int(selection[split - 1]) >= inventoryCount { split -= 1 }
        if split > 0, !intensity[p].isEmpty {
            selection.withUnsafeBufferPointer { sel in
                weights.withUnsafeBufferPointer { w in
                    intensity[p].withUnsafeBufferPointer { k in
                        switch (abatement[p], multiplier[p]) {
                        case (nil, nil):
                            efficiency[p].withUnsafeBufferPointer { eta in
                                for i in 0..<split {
                                    let s = Int(sel[i])
                                    sum.add(w[i] * k[s] * (1 - eta[s]))
                                }
                            }
                        case let (abatement?, nil):
                            abatement.withUnsafeBufferPointer { f in
                                for i in 0..<split {
                                    let s = Int(sel[i])
                                    sum.add(w[i] * k[s] * f[s])
                                }
                            }
                        case let (nil, multiplier?):
                            efficiency[p].withUnsafeBufferPointer { eta in
                                multiplier.withUnsafeBufferPointer { m in
                                    for i in 0..<split {
                                        let s = Int(sel[i])
                                        sum.add(w[i] * k[s] * (1 - eta[s]) * m[s])
                                    }
                                }
                            }
                        case let (abatement?, multiplier?):
                            abatement.withUnsafeBufferPointer { f in
                                multiplier.withUnsafeBufferPointer { m in
                                    for i in 0..<split {
                                        let s = Int(sel[i])
                                        sum.add(w[i] * k[s] * f[s] * m[s])
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        for i in split..<selection.count { sum.add(weights[i] * rate(p, Int(selection[i]))) }
        return sum.value
    }

    /// Current emissions of pollutant p over a selection (activity must be prepared).
    func total(_ p: Int, over selection: [Int32]) -> Double {
        rateSum(p, selection, weights: selection.map { activity[Int($0)] })
    }

    /// Current emissions of pollutant p over every source (all activity must be prepared).
    func totalOfAll(_ p: Int) -> Double {
        var sum = CompensatedSum()
        for s in 0..<activity.count { sum.add(activity[s] * rate(p, s)) }
        return sum.value
    }

    /// Energy use of the sources (activity must be prepared): all, and the non-fossil part.
    func energy<S: Sequence<Int32>>(of sources: S) -> (all: Double, nonFossil: Double) {
        let list = Array(sources)
        return energyCarried(by: list.map { activity[Int($0)] }, list)
    }

    /// Energy use that activities `amounts` (aligned with `sources`) carry: all, non-fossil.
    func energyCarried(by amounts: [Double], _ sources: [Int32]) -> (all: Double, nonFossil: Double) {
        var all = CompensatedSum(), nonFossil = CompensatedSum()
        let universe = engine.universe
        let energy = universe.table.energyPerActivity ?? [], fossil = universe.table.isFossil ?? []
        for (i, s32) in sources.enumerated() {
            let s = Int(s32)
            let inInventory = s < inventoryCount
            let perUnit = inInventory ? (energy.isEmpty ? 0 : energy[s]) : universe.energyPerActivity(s)
            guard perUnit != 0 else { continue }
            let e = amounts[i] * perUnit
            all.add(e)
            if !(inInventory ? (fossil.isEmpty || fossil[s]) : universe.isFossil(s)) { nonFossil.add(e) }
        }
        return (all.value, nonFossil.value)
    }

    // MARK: - A year

    mutating func year(_ t: Int, levels: [String: Double], groupOfSource: [Int32]?, groupCount: Int,
                       reference: Bool) -> YearResult {
        generation += 1
        growth = engine.driverGrowth.map { $0[t] }
        let year = engine.years[t]
        let pCount = pollutants.count
        let baseline = engine.baseline
        let targets = engine.targetPlans
        var result = YearResult(
            baselineTotals: pollutants.map { baseline.values[t, baseline.pollutantColumn[$0]!] },
            totals: [], reductions: Array(repeating: Array(repeating: 0, count: pCount), count: engine.plans.count),
            targetBaseline: Array(repeating: 0, count: targets.count),
            targetScenario: Array(repeating: 0, count: targets.count))
        var energy = CompensatedSum(), nonFossil = CompensatedSum()
        energy.add(baseline.values[t, baseline.energyColumn])
        nonFossil.add(baseline.values[t, baseline.nonFossilColumn])
        if reference {
            // The straightforward path: add up every source before the measures.
            prepareAllActivity()
            result.baselineTotals = (0..<pCount).map(totalOfAll)
        }

        var applied: [Int] = []
        let yearTargets = targets.indices.filter { targets[$0].target.year == year }
        result.targetEffects = Array(repeating: Array(repeating: 0, count: targets.count), count: engine.plans.count)
        for (j, plan) in engine.plans.enumerated() {
            let measure = plan.measure
            let level = measure.isCandidate ? (levels[measure.id] ?? 0) : 1
            let phi = measure.phase(year) * level
            guard phi > 0 else { continue }
            applied.append(j)
            // Targets with a selection that this measure changes: their totals before and
            // after it (the others are untouched, or read off the attribution below).
            let touched = yearTargets.filter { engine.touches[j][$0] }
            let before = touched.map { selectedTargetQuantity($0)! }
            let delta = apply(j, plan, phi, into: &result)
            energy.add(delta.energy)
            nonFossil.add(delta.nonFossil)
            for (k, i) in touched.enumerated() {
                result.targetEffects[j][i] = before[k] - selectedTargetQuantity(i)!
            }
            for i in yearTargets where targets[i].selection == nil {
                if case let .pollutant(pollutant) = targets[i].target.metric {
                    result.targetEffects[j][i] = pollutants.firstIndex(of: pollutant).map { result.reductions[j][$0] } ?? 0
                } else {
                    result.targetEffects[j][i] = -delta.energy
                }
            }
        }

        // Scenario totals: baseline minus the attributions (or, for reference, every source).
        if reference {
            result.totals = (0..<pCount).map(totalOfAll)
            (result.energy, result.nonFossilEnergy) = hasEnergy ? self.energy(of: 0..<Int32(activity.count)) : (0, 0)
        } else {
            result.totals = (0..<pCount).map { p in
                var sum = CompensatedSum()
                sum.add(result.baselineTotals[p])
                for j in applied { sum.add(-result.reductions[j][p]) }
                return sum.value
            }
            result.energy = energy.value
            result.nonFossilEnergy = nonFossil.value
        }

        for (i, plan) in targets.enumerated() where plan.target.year == year {
            guard let selection = plan.selection else {
                switch plan.target.metric {
                case let .pollutant(pollutant):
                    let p = pollutants.firstIndex(of: pollutant)
                    result.targetBaseline[i] = p.map { result.baselineTotals[$0] } ?? 0
                    result.targetScenario[i] = p.map { result.totals[$0] } ?? 0
                case .energy:
                    result.targetBaseline[i] = baseline.values[t, baseline.energyColumn]
                    result.targetScenario[i] = result.energy
                }
                continue
            }
            result.targetBaseline[i] = baseline.values[t, baseline.targetColumn[i]!]
            prepareActivity(selection)
            switch plan.target.metric {
            case let .pollutant(pollutant):
                result.targetScenario[i] = pollutants.firstIndex(of: pollutant).map { total($0, over: selection) } ?? 0
            case .energy:
                result.targetScenario[i] = self.energy(of: selection).all
            }
        }

        if let groupOfSource {
            prepareAllActivity()
            result.groupTotals = (0..<pCount).map { p in
                var sums = [CompensatedSum](repeating: CompensatedSum(), count: groupCount)
                for s in 0..<activity.count { sums[Int(groupOfSource[s])].add(activity[s] * rate(p, s)) }
                return sums.map(\.value)
            }
        }
        restore(applied)
        return result
    }

    /// The current quantity of target i over its selection (nil for a target without one,
    /// whose quantity is a whole-inventory total kept elsewhere).
    private mutating func selectedTargetQuantity(_ i: Int) -> Double? {
        let plan = engine.targetPlans[i]
        guard let selection = plan.selection else { return nil }
        prepareActivity(selection)
        switch plan.target.metric {
        case let .pollutant(pollutant):
            return pollutants.firstIndex(of: pollutant).map { total($0, over: selection) } ?? 0
        case .energy:
            return energy(of: selection).all
        }
    }

    /// Sets the factors the applied measures changed back to their base values.
    private mutating func restore(_ applied: [Int]) {
        for j in applied {
            let plan = engine.plans[j]
            switch plan.measure.kind {
            case let .retrofit(efficiencies, additional, _):
                for pollutant in Set(efficiencies.keys).union(additional.keys) {
                    guard let p = pollutants.firstIndex(of: pollutant), var values = abatement[p] else { continue }
                    abatement[p] = nil
                    let eta = efficiency[p]
                    values.withUnsafeMutableBufferPointer { a in
                        for s32 in plan.selection {
                            let s = Int(s32)
                            a[s] = 1 - (s < inventoryCount ? (eta.isEmpty ? 0 : eta[s]) : eta0(p, s))
                        }
                    }
                    abatement[p] = values
                }
            case let .reduction(amounts):
                for pollutant in amounts.keys { resetMultiplier(pollutant, plan.selection) }
            case let .cap(limits):
                for pollutant in limits.keys { resetMultiplier(pollutant, plan.selection) }
            default:
                break
            }
        }
    }

    private mutating func resetMultiplier(_ pollutant: Pollutant, _ selection: [Int32]) {
        guard let p = pollutants.firstIndex(of: pollutant), var values = multiplier[p] else { return }
        multiplier[p] = nil
        for s in selection { values[Int(s)] = 1 }
        multiplier[p] = values
    }

    /// Applies measure j at phase φ, records its attribution per pollutant in `result`, and
    /// returns the change of energy use it causes (all and non-fossil).
    private mutating func apply(_ j: Int, _ plan: ProjectionEngine.MeasurePlan, _ phi: Double,
                                into result: inout YearResult) -> (energy: Double, nonFossil: Double) {
        let pCount = pollutants.count
        let selection = plan.selection
        prepareActivity(selection)
        switch plan.measure.kind {
        case let .scale(factor):
            // A ← A · (1 − φ(1 − f)); the removed activity takes its emissions with it.
            let keep = 1 - phi * (1 - factor)
            let removed = selection.map { activity[Int($0)] * (1 - keep) }
            var cuts = [Double](repeating: 0, count: pCount)
            for p in engine.emitting[j] { cuts[p] = rateSum(p, selection, weights: removed) }
            result.reductions[j] = cuts
            activity.withUnsafeMutableBufferPointer { a in
                for s in selection { a[Int(s)] *= keep }
            }
            let energy = hasEnergy ? energyCarried(by: removed, selection) : (all: 0.0, nonFossil: 0.0)
            return (-energy.all, -energy.nonFossil)

        case let .substitute(_, quantity, ratio):
            guard let target = plan.source else { return (0, 0) }
            prepareActivity(CollectionOfOne(Int32(target)))
            let fraction: Double
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
                    result.shortfalls.append(.init(measure: j, pollutant: nil, requested: wanted,
                                                   available: available.value))
                }
            }
            let out = selection.map { activity[Int($0)] * fraction }
            var moved = CompensatedSum()
            activity.withUnsafeMutableBufferPointer { a in
                for (i, s) in selection.enumerated() {
                    a[Int(s)] -= out[i]
                    moved.add(out[i])
                }
            }
            let added = ratio * moved.value
            result.reductions[j] = (0..<pCount).map { p in
                var sum = CompensatedSum()
                if engine.emitting[j].contains(p) { sum.add(rateSum(p, selection, weights: out)) }
                sum.add(-added * rate(p, target))
                return sum.value
            }
            activity[target] += added
            guard hasEnergy else { return (0, 0) }
            let removedEnergy = energyCarried(by: out, selection)
            let targetEnergy = added * engine.universe.energyPerActivity(target)
            let targetNonFossil = engine.universe.isFossil(target) ? 0 : targetEnergy
            return (targetEnergy - removedEnergy.all, targetNonFossil - removedEnergy.nonFossil)

        case let .retrofit(efficiencies, additional, coverage):
            for p in 0..<pCount {
                let pollutant = pollutants[p]
                let replacement = efficiencies[pollutant]
                let addOn = additional[pollutant]
                guard replacement != nil || addOn != nil, var factors = abatement[p] else { continue }
                abatement[p] = nil  // owned here while it changes: no copy on write
                var change = [Double](repeating: 0, count: selection.count)
                factors.withUnsafeMutableBufferPointer { f in
                    for i in selection.indices {
                        let s = Int(selection[i])
                        let before = f[s]
                        var after = before
                        if let eta = replacement {
                            // a ← a − φ·c·max(0, η_new − (1 − a))
                            after -= phi * coverage * max(0, eta - (1 - after))
                        }
                        if let delta = addOn {
                            // a ← a · (1 − φ·c·δ)
                            after *= 1 - phi * coverage * delta
                        }
                        f[s] = after
                        change[i] = before - after
                    }
                }
                abatement[p] = factors
                // Σ A · k · (a_before − a_after) · m
                var sum = CompensatedSum()
                activity.withUnsafeBufferPointer { a in
                    change.withUnsafeBufferPointer { change in
                        selection.withUnsafeBufferPointer { sel in
                            for i in 0..<sel.count where change[i] != 0 {
                                let s = Int(sel[i])
                                sum.add(a[s] * k(p, s) * change[i] * m(p, s))
                            }
                        }
                    }
                }
                result.reductions[j][p] = sum.value
            }
            return (0, 0)

        case let .reduction(amounts):
            for (pollutant, amount) in amounts {
                guard let p = pollutants.firstIndex(of: pollutant) else {
                    result.shortfalls.append(.init(measure: j, pollutant: pollutant, requested: amount * phi, available: 0))
                    continue
                }
                let current = total(p, over: selection)
                let wanted = phi * amount
                if wanted > current * (1 + 1e-12) || current == 0 {
                    result.shortfalls.append(.init(measure: j, pollutant: pollutant, requested: wanted, available: current))
                }
                guard current > 0 else { continue }
                // m ← m · max(0, 1 − φ·R / E_sel)
                result.reductions[j][p] = scaleMultiplier(p, selection, by: max(0, 1 - wanted / current), current: current)
            }
            return (0, 0)

        case let .cap(limits):
            for (pollutant, limit) in limits {
                guard let p = pollutants.firstIndex(of: pollutant) else { continue }
                let current = total(p, over: selection)
                guard current > limit, current > 0 else { continue }
                // Scale so that the total is (1 − φ)·current + φ·min(current, C).
                let wanted = (1 - phi) * current + phi * limit
                result.reductions[j][p] = scaleMultiplier(p, selection, by: wanted / current, current: current)
            }
            return (0, 0)

        case .add:
            // A new source whose activity is φ · activity, grown by its driver.
            guard let source = plan.source else { return (0, 0) }
            let d = engine.driverOfSource[source]
            let grown = engine.universe.baseActivity(source) * (d < 0 ? 1 : growth[Int(d)])
            stamp[source] = generation
            activity[source] = phi * grown
            for p in 0..<pCount { result.reductions[j][p] = -activity[source] * rate(p, source) }
            let added = hasEnergy ? energy(of: CollectionOfOne(Int32(source))) : (all: 0.0, nonFossil: 0.0)
            return (added.all, added.nonFossil)
        }
    }

    /// Multiplies `m` of the selection by `factor`; returns the attribution (current total
    /// minus the total after).
    private mutating func scaleMultiplier(_ p: Int, _ selection: [Int32], by factor: Double, current: Double) -> Double {
        guard var values = multiplier[p] else { return 0 }
        multiplier[p] = nil
        for s in selection { values[Int(s)] *= factor }
        multiplier[p] = values
        return current - total(p, over: selection)
    }
}
