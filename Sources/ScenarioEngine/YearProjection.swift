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
    var activity: [Double]
    var stamp: [Int32]
    var generation: Int32 = 0
    var growth: [Double] = []
    var abatement: [[Double]?]
    var multiplier: [[Double]?]
    /// Per-selection working values (the activity a scale or a substitution moves), kept
    /// between measures and years so that no measure allocates.
    private var scratch: [Double] = []
    /// Per pollutant: intensity k and base efficiency η0 of the inventory's sources (shared,
    /// not copied) and of the sources the scenario defines.
    let intensity: [[Double]]
    let efficiency: [[Double]]
    let extraIntensity: [[Double]]
    let extraEfficiency: [[Double]]
    let inventoryCount: Int
    let hasEnergy: Bool

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

    /// The scratch array, with at least `count` elements, taken out of the worker (so that it
    /// can be written while the worker is read); give it back with `returnScratch`.
    mutating func takeScratch(_ count: Int) -> [Double] {
        var taken = scratch
        scratch = []
        if taken.count < count { taken = [Double](repeating: 0, count: count) }
        return taken
    }

    mutating func returnScratch(_ array: [Double]) { scratch = array }

    /// `1 − η0` of every source for pollutant p.
    func baseAbatement(_ p: Int, count n: Int) -> [Double] {
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
    mutating func prepareActivity<S: Sequence<Int32>>(_ sources: S) {
        let base = engine.universe.table.activity
        let driverOf = engine.driverOfSource
        let growth = self.growth
        let generation = self.generation
        let inventoryCount = self.inventoryCount
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

    /// Σ_i w_i · k · a · m over the selected sources (w_i for the i-th of them, or, with
    /// `bySource`, w_s for source s), over raw buffers for the inventory's sources; the few
    /// scenario-defined ones (last in the sorted selection) after.
    func rateSum(_ p: Int, _ selection: [Int32], weights: [Double], bySource: Bool = false) -> Double {
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
                                Self.weighted(split, sel, w, bySource, &sum) { w, s in w * k[s] * (1 - eta[s]) }
                            }
                        case let (abatement?, nil):
                            abatement.withUnsafeBufferPointer { f in
                                Self.weighted(split, sel, w, bySource, &sum) { w, s in w * k[s] * f[s] }
                            }
                        case let (nil, multiplier?):
                            efficiency[p].withUnsafeBufferPointer { eta in
                                multiplier.withUnsafeBufferPointer { m in
                                    Self.weighted(split, sel, w, bySource, &sum) { w, s in
                                        w * k[s] * (1 - eta[s]) * m[s]
                                    }
                                }
                            }
                        case let (abatement?, multiplier?):
                            abatement.withUnsafeBufferPointer { f in
                                multiplier.withUnsafeBufferPointer { m in
                                    Self.weighted(split, sel, w, bySource, &sum) { w, s in w * k[s] * f[s] * m[s] }
                                }
                            }
                        }
                    }
                }
            }
        }
        for i in split..<selection.count {
            let s = Int(selection[i])
            sum.add((bySource ? weights[s] : weights[i]) * rate(p, s))
        }
        return sum.value
    }

    /// Adds `term(w, s)` for the first `count` selected sources s, w being the i-th weight or,
    /// with `bySource`, source s's: one loop for each case, with no branch inside.
    @inline(__always)
    private static func weighted(
        _ count: Int, _ selection: UnsafeBufferPointer<Int32>, _ weights: UnsafeBufferPointer<Double>,
        _ bySource: Bool, _ sum: inout CompensatedSum, _ term: (Double, Int) -> Double
    ) {
        if bySource {
            for i in 0..<count {
                let s = Int(selection[i])
                sum.add(term(weights[s], s))
            }
        } else {
            for i in 0..<count {
                let s = Int(selection[i])
                sum.add(term(weights[i], s))
            }
        }
    }

    /// Current emissions of pollutant p over a selection (activity must be prepared).
    func total(_ p: Int, over selection: [Int32]) -> Double {
        rateSum(p, selection, weights: activity, bySource: true)
    }

    /// Current emissions of pollutant p over every source (all activity must be prepared).
    func totalOfAll(_ p: Int) -> Double {
        var sum = CompensatedSum()
        for s in 0..<activity.count { sum.add(activity[s] * rate(p, s)) }
        return sum.value
    }

    /// Energy use of the sources (activity must be prepared): all, and the non-fossil part.
    func energy<S: Sequence<Int32>>(of sources: S) -> (all: Double, nonFossil: Double) {
        energyCarried(by: activity, Array(sources), bySource: true)
    }

    /// Energy use that activities `amounts` (aligned with `sources`, or with `bySource`
    /// indexed by source) carry: all, non-fossil.
    func energyCarried(by amounts: [Double], _ sources: [Int32], bySource: Bool = false) -> (
        all: Double, nonFossil: Double
    ) {
        var all = CompensatedSum()
        var nonFossil = CompensatedSum()
        let universe = engine.universe
        let energy = universe.table.energyPerActivity ?? []
        let fossil = universe.table.isFossil ?? []
        for (i, s32) in sources.enumerated() {
            let s = Int(s32)
            let inInventory = s < inventoryCount
            let perUnit = inInventory ? (energy.isEmpty ? 0 : energy[s]) : universe.energyPerActivity(s)
            guard perUnit != 0 else { continue }
            let e = (bySource ? amounts[s] : amounts[i]) * perUnit
            all.add(e)
            if !(inInventory ? (fossil.isEmpty || fossil[s]) : universe.isFossil(s)) { nonFossil.add(e) }
        }
        return (all.value, nonFossil.value)
    }

    // MARK: - A year

    mutating func year(
        _ t: Int, levels: [String: Double], groupOfSource: [Int32]?, groupCount: Int,
        reference: Bool, spill: SourceSpill? = nil
    ) -> YearResult {
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
        var energy = CompensatedSum()
        var nonFossil = CompensatedSum()
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
        // Plans are read from a local array: borrowed in place, where reading them off `self`
        // while `apply` mutates it would copy every plan (and retain what it holds) each year.
        let plans = engine.plans
        let levelScale = engine.levelScale
        for j in plans.indices {
            let level =
                (plans[j].measure.isCandidate ? (levels[plans[j].measure.id] ?? 0) : 1) * levelScale[j]
            let phi = plans[j].measure.phase(year) * level
            guard phi > 0 else { continue }
            applied.append(j)
            // Targets with a selection that this measure changes: their totals before and
            // after it (the others are untouched, or read off the attribution below).
            let touched = yearTargets.filter { engine.touches[j][$0] }
            let before = touched.map { selectedTargetQuantity($0)! }
            let delta = apply(j, plans[j], phi, into: &result)
            energy.add(delta.energy)
            nonFossil.add(delta.nonFossil)
            for (k, i) in touched.enumerated() {
                result.targetEffects[j][i] = before[k] - selectedTargetQuantity(i)!
            }
            for i in yearTargets where targets[i].selection == nil {
                if case let .pollutant(pollutant) = targets[i].target.metric {
                    result.targetEffects[j][i] =
                        pollutants.firstIndex(of: pollutant).map { result.reductions[j][$0] } ?? 0
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

        engine.settleTargets(&result, year: t) { i, selection in
            prepareActivity(selection)
            switch targets[i].target.metric {
            case let .pollutant(pollutant):
                return pollutants.firstIndex(of: pollutant).map { total($0, over: selection) } ?? 0
            case .energy:
                return self.energy(of: selection).all
            }
        }

        if let spill {
            prepareAllActivity()
            spill.write(year: t) { p, s in
                // As a breakdown by source adds it up: one term of a compensated sum.
                var one = CompensatedSum()
                one.add(activity[s] * rate(p, s))
                return one.value
            }
        }
        if let groupOfSource {
            prepareAllActivity()
            result.groupTotals = (0..<pCount).map { p in
                var sums = [CompensatedSum](repeating: CompensatedSum(), count: groupCount)
                // A · (k · a · m) per source, the inventory's over raw buffers (a = 1 − η0
                // where no retrofit changed it, m = 1 where nothing scales: as `rate`).
                let split = intensity[p].isEmpty ? 0 : inventoryCount
                sums.withUnsafeMutableBufferPointer { sums in
                    groupOfSource.withUnsafeBufferPointer { group in
                        activity.withUnsafeBufferPointer { activity in
                            intensity[p].withUnsafeBufferPointer { k in
                                efficiency[p].withUnsafeBufferPointer { eta in
                                    let f = abatement[p]
                                    let m = multiplier[p]
                                    for s in 0..<split {
                                        let a = f?[s] ?? 1 - eta[s]
                                        sums[Int(group[s])].add(activity[s] * (k[s] * a * (m?[s] ?? 1)))
                                    }
                                }
                            }
                        }
                    }
                }
                for s in split..<activity.count { sums[Int(groupOfSource[s])].add(activity[s] * rate(p, s)) }
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

    /// Sets the factors the applied measures changed back to their base values (each kind's
    /// undo is next to its effect, under MeasureKinds/).
    private mutating func restore(_ applied: [Int]) {
        let plans = engine.plans
        for j in applied {
            switch plans[j].measure.kind {
            case let .retrofit(efficiencies, additional, _):
                restoreRetrofit(plans[j].selection, efficiencies.keys)
                restoreRetrofit(plans[j].selection, additional.keys)
            case let .reduction(amounts):
                restoreReduction(plans[j].selection, amounts.keys)
            case let .cap(limits):
                restoreCap(plans[j].selection, limits.keys)
            case .scale, .substitute, .add:
                break  // activity is set afresh from growth every year
            }
        }
    }

    mutating func resetMultiplier(_ pollutant: Pollutant, _ selection: [Int32]) {
        guard let p = pollutants.firstIndex(of: pollutant), var values = multiplier[p] else { return }
        multiplier[p] = nil
        for s in selection { values[Int(s)] = 1 }
        multiplier[p] = values
    }

    /// Applies measure j at phase φ, records its attribution per pollutant in `result`, and
    /// returns the change of energy use it causes (all and non-fossil). Each kind's effect is
    /// in its own file under MeasureKinds/.
    private mutating func apply(
        _ j: Int, _ plan: ProjectionEngine.MeasurePlan, _ phi: Double,
        into result: inout YearResult
    ) -> (energy: Double, nonFossil: Double) {
        prepareActivity(plan.selection)
        return switch plan.measure.kind {
        case let .scale(factor):
            applyScale(j, plan, phi, factor, into: &result)
        case let .substitute(_, quantity, ratio):
            applySubstitute(j, plan, phi, quantity, ratio: ratio, into: &result)
        case let .retrofit(efficiencies, additional, coverage):
            applyRetrofit(j, plan, phi, efficiencies, additional, coverage: coverage, into: &result)
        case let .reduction(amounts):
            applyReduction(j, plan, phi, amounts, into: &result)
        case let .cap(limits):
            applyCap(j, plan, phi, limits, into: &result)
        case .add:
            applyAdd(j, plan, phi, into: &result)
        }
    }

    /// Multiplies `m` of the selection by `factor`; returns the attribution (current total
    /// minus the total after).
    mutating func scaleMultiplier(_ p: Int, _ selection: [Int32], by factor: Double, current: Double) -> Double {
        guard var values = multiplier[p] else { return 0 }
        multiplier[p] = nil
        for s in selection { values[Int(s)] *= factor }
        multiplier[p] = values
        return current - total(p, over: selection)
    }
}

extension ProjectionEngine {
    /// Fills in the baseline and scenario quantity of each target of year t: a target
    /// without a selection from the year's totals, one with a selection from the baseline
    /// product and `selected(i, selection)`, its quantity after all measures.
    func settleTargets(_ result: inout YearResult, year t: Int, selected: (Int, [Int32]) -> Double) {
        let pollutants = universe.pollutants
        for (i, plan) in targetPlans.enumerated() where plan.target.year == years[t] {
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
            result.targetScenario[i] = selected(i, selection)
        }
    }
}
