import EmissionInventory
import Scenarios

/// Projects a set of years in a few walks over the sources, a block of consecutive sources
/// at a time (Docs/engine.md, "The sweep").
///
/// For each block, the state of every year — activity `A`, abatement factor `a = 1 − η` and
/// emission multiplier `m` of each source — is set up from the base values and every
/// measure of every year is applied to it while the block's `k`, `η` and state stay in the
/// processor's caches; the years are the innermost loop, two at a time in a SIMD pair
/// (`SumPair`), so that their sums are independent chains of additions the processor
/// overlaps. Nothing the size of the inventory is allocated.
///
/// Every sum is the same compensated sum, with the same terms added in the same order (the
/// sources in ascending order, the scenario-defined ones last), as in `ProjectionWorker`:
/// the results are identical to its, bit for bit (tested). A sum is carried from one block
/// to the next.
///
/// Three kinds of measures need a total of their selection before they can act on any of
/// its sources: a `reduction` and a `cap` (the selection's emissions), a `substitute` with an
/// `amount` (its activity), and a `substitute` into an inventory source (the activity it
/// moves, which the target gains). Each such total is a *probe*: one walk applies the
/// measures before it and adds up the probe; the next walk repeats their effect on the state
/// (without their sums, which are done) and carries on from the probed measure. Scenarios
/// without such measures take one walk.
final class BlockSweep {
    /// Sources per block: the state of 11 years of 10 factor arrays for 256 sources (225 kB)
    /// and the block's k and η stay in a core's second-level cache.
    static let blockSize = 256
    /// The most sums a breakdown may ask for (groups × pollutants × years, 16 bytes each);
    /// a breakdown by millions of sources takes the per-year path.
    static let maximumGroupSums = 1 << 20

    let engine: ProjectionEngine
    /// Indices into `engine.years` of the years this sweep computes.
    let yearIndices: [Int]
    let levels: [String: Double]
    let groupOfSource: [Int32]?
    let groupCount: Int

    private let nt: Int
    /// The years rounded up to pairs: the state of a source holds `lanes` years side by side
    /// (`state[l · lanes + tt]`), and the sums of two years are added together (`SumPair`).
    private let lanes: Int
    private let pairs: Int
    private let measureCount: Int
    private let pollutantCount: Int
    private let targetCount: Int
    private let inventoryCount: Int
    private let extraCount: Int
    /// Rows of the state buffers: the larger of a block and the scenario-defined sources.
    private let rows: Int
    private let hasEnergy: Bool

    /// φ of measure j in local year tt, `phi[j · nt + tt]` (0: not applied).
    private let phi: [Double]
    /// Per measure, the local years in which it applies.
    private let activeYears: [[Int]]
    /// Per pollutant, its slot in `abatement` and `multiplier` (-1: none).
    private let abatementSlot: [Int]
    private let multiplierSlot: [Int]
    /// Per pollutant, whether a measure's substitution or scale moves its emissions.
    private let emitting: [[Bool]]
    /// Per measure, the end of the inventory part of its selection.
    private let inventoryEnd: [Int]
    private let targetInventoryEnd: [Int]
    /// The local year of each target (-1: not among these years).
    private let targetYear: [Int]

    // State of the current block.
    private let activity: UnsafeMutablePointer<Double>
    private let abatement: UnsafeMutablePointer<Double>
    private let multiplier: UnsafeMutablePointer<Double>
    private let abatementSlots: Int
    /// Whether each abatement slot holds values of some of the block's sources, and which
    /// (`abatementSet[slot · rows + l]`); whether each multiplier slot holds the block's.
    private let abatementReady: UnsafeMutablePointer<Bool>
    private let abatementSet: UnsafeMutablePointer<Bool>
    private let multiplierReady: UnsafeMutablePointer<Bool>
    /// Per-block working values: the activity a scale or substitution moves, per selected
    /// source and year.
    private let scratch: UnsafeMutablePointer<Double>
    private let multiplierSlots: Int

    // Sums, carried over blocks.
    /// `main[(j · P + p) · nt + tt]`: a scale's or substitution's Σ w·k·a·m, a retrofit's
    /// Σ A·k·Δa·m, a reduction's or cap's total after it.
    private let main: UnsafeMutablePointer<SumPair>
    /// `probed[(j · P + p) · nt + tt]`: a reduction's or cap's total before it.
    private let probed: UnsafeMutablePointer<SumPair>
    /// Per (j, tt): activity moved by a substitution, activity of its selection (probe),
    /// energy carried by the activity a scale or substitution removes (all, non-fossil).
    private let moved: UnsafeMutablePointer<SumPair>
    private let available: UnsafeMutablePointer<SumPair>
    private let energyAll: UnsafeMutablePointer<SumPair>
    private let energyNonFossil: UnsafeMutablePointer<SumPair>
    /// Per (j, i): target i's quantity before and after measure j, in the target's year.
    private let targetBefore: UnsafeMutablePointer<CompensatedSum>
    private let targetAfter: UnsafeMutablePointer<CompensatedSum>
    /// Per target: its quantity over its selection after all measures.
    private let targetFinal: UnsafeMutablePointer<CompensatedSum>
    /// `groups[(p · G + g) · nt + tt]`.
    private let groups: UnsafeMutablePointer<SumPair>

    // What the probes resolved and what the walks record, per (j, tt) or (j, p, tt).
    /// A reduction's or cap's factor on m (NaN: it does not act on this pollutant), and the
    /// total before it.
    private let factor: UnsafeMutablePointer<Double>
    private let current: UnsafeMutablePointer<Double>
    /// A substitution's fraction of activity moved, and the activity its target gains (NaN:
    /// not yet known).
    private let fraction: UnsafeMutablePointer<Double>
    private let added: UnsafeMutablePointer<Double>
    /// `k · a · m` of a substitution's target when it applies, per (j, p, tt).
    private let targetRate: UnsafeMutablePointer<Double>
    /// An `add` source's emissions and energy when it applies.
    private let addEmissions: UnsafeMutablePointer<Double>
    private let addedEnergy: UnsafeMutablePointer<(all: Double, nonFossil: Double)>
    private var shortfalls: [[YearResult.Shortfall]]

    // The scenario-defined sources, as a block of their own.
    private let extraIntensity: [[Double]]
    private let extraEfficiency: [[Double]]
    private let extraEnergy: [Double]
    private let extraFossil: [Bool]

    private enum Probe {
        case emissions, activity, moved
    }

    /// The probes each measure needs, in order.
    private let probes: [[Probe]]

    init(
        engine: ProjectionEngine, yearIndices: [Int], levels: [String: Double], groupOfSource: [Int32]?,
        groupCount: Int
    ) {
        self.engine = engine
        self.yearIndices = yearIndices
        self.levels = levels
        self.groupOfSource = groupOfSource
        self.groupCount = groupCount
        let universe = engine.universe
        let pollutants = universe.pollutants
        let nt = yearIndices.count
        let measureCount = engine.plans.count
        let pollutantCount = pollutants.count
        self.nt = nt
        let lanes = (nt + 1) / 2 * 2
        self.lanes = lanes
        pairs = lanes / 2
        self.measureCount = measureCount
        self.pollutantCount = pollutantCount
        let targetCount = engine.targetPlans.count
        self.targetCount = targetCount
        inventoryCount = universe.inventoryCount
        extraCount = universe.count - universe.inventoryCount
        let rows = max(Self.blockSize, universe.count - universe.inventoryCount)
        self.rows = rows
        hasEnergy = universe.hasEnergy

        var phi = [Double](repeating: 0, count: measureCount * nt)
        var activeYears = [[Int]](repeating: [], count: measureCount)
        for (j, plan) in engine.plans.enumerated() {
            let measure = plan.measure
            let level = (measure.isCandidate ? (levels[measure.id] ?? 0) : 1) * engine.levelScale[j]
            for (tt, t) in yearIndices.enumerated() {
                let value = measure.phase(engine.years[t]) * level
                if value > 0 {
                    phi[j * nt + tt] = value
                    activeYears[j].append(tt)
                }
            }
        }
        self.phi = phi
        self.activeYears = activeYears
        var abatementSlot = [Int](repeating: -1, count: pollutantCount)
        var multiplierSlot = [Int](repeating: -1, count: pollutantCount)
        var aSlots = 0
        var mSlots = 0
        var probes: [[Probe]] = []
        for plan in engine.plans {
            var needs: [Probe] = []
            switch plan.measure.kind {
            case let .retrofit(efficiencies, additional, _):
                for pollutant in Set(efficiencies.keys).union(additional.keys) {
                    if let p = pollutants.firstIndex(of: pollutant), abatementSlot[p] < 0 {
                        abatementSlot[p] = aSlots
                        aSlots += 1
                    }
                }
            case .reduction, .cap:
                needs = [.emissions]
                for pollutant in Self.scaledPollutants(plan.measure.kind) {
                    if let p = pollutants.firstIndex(of: pollutant), multiplierSlot[p] < 0 {
                        multiplierSlot[p] = mSlots
                        mSlots += 1
                    }
                }
            case let .substitute(_, quantity, _):
                if case .amount = quantity { needs.append(.activity) }
                if let target = plan.source, target < universe.inventoryCount { needs.append(.moved) }
            case .scale, .add:
                break
            }
            probes.append(needs)
        }
        self.probes = probes
        self.abatementSlot = abatementSlot
        self.multiplierSlot = multiplierSlot
        abatementSlots = aSlots
        multiplierSlots = mSlots
        emitting = engine.emitting.map { list in
            (0..<pollutants.count).map { list.contains($0) }
        }
        let inventoryCount = universe.inventoryCount
        func inventoryPart(_ selection: [Int32]) -> Int {
            var end = selection.count
            while end > 0, Int(selection[end - 1]) >= inventoryCount { end -= 1 }
            return end
        }
        inventoryEnd = engine.plans.map { inventoryPart($0.selection) }
        targetInventoryEnd = engine.targetPlans.map { inventoryPart($0.selection ?? []) }
        targetYear = engine.targetPlans.map { plan in
            yearIndices.firstIndex { engine.years[$0] == plan.target.year } ?? -1
        }

        activity = .allocate(capacity: lanes * rows)
        scratch = .allocate(capacity: lanes * rows)
        abatementReady = .make(aSlots, false)
        abatementSet = .make(aSlots * rows, false)
        multiplierReady = .make(mSlots, false)
        abatement = .allocate(capacity: max(1, aSlots * lanes * rows))
        multiplier = .allocate(capacity: max(1, mSlots * lanes * rows))

        let perPollutant = measureCount * pollutantCount * nt
        let perMeasure = measureCount * nt
        let pairs = lanes / 2
        main = .make(measureCount * pollutantCount * pairs, SumPair())
        probed = .make(measureCount * pollutantCount * pairs, SumPair())
        moved = .make(measureCount * pairs, SumPair())
        available = .make(measureCount * pairs, SumPair())
        energyAll = .make(measureCount * pairs, SumPair())
        energyNonFossil = .make(measureCount * pairs, SumPair())
        targetBefore = .make(measureCount * targetCount, CompensatedSum())
        targetAfter = .make(measureCount * targetCount, CompensatedSum())
        targetFinal = .make(targetCount, CompensatedSum())
        groups = .make(groupOfSource == nil ? 0 : pollutantCount * groupCount * pairs, SumPair())
        factor = .make(perPollutant, .nan)
        current = .make(perPollutant, 0)
        fraction = .make(perMeasure, .nan)
        added = .make(perMeasure, .nan)
        targetRate = .make(perPollutant, 0)
        addEmissions = .make(perPollutant, 0)
        addedEnergy = .make(perMeasure, (0, 0))
        shortfalls = Array(repeating: [], count: nt)

        extraIntensity = pollutants.map { p in universe.extras.map { $0.pollutants[p]?.intensity ?? 0 } }
        extraEfficiency = pollutants.map { p in universe.extras.map { $0.pollutants[p]?.efficiency ?? 0 } }
        extraEnergy = (inventoryCount..<universe.count).map(universe.energyPerActivity)
        extraFossil = (inventoryCount..<universe.count).map(universe.isFossil)

        // Shares are known from the start.
        for (j, plan) in engine.plans.enumerated() {
            if case let .substitute(_, .share(share), _) = plan.measure.kind {
                for tt in activeYears[j] { fraction[j * nt + tt] = share * phi[j * nt + tt] }
            }
        }
    }

    deinit {
        for buffer in [
            activity, scratch, abatement, multiplier, factor, current, fraction, added, targetRate, addEmissions,
        ] {
            buffer.deallocate()
        }
        for buffer in [main, probed, moved, available, energyAll, energyNonFossil, groups] { buffer.deallocate() }
        for buffer in [targetBefore, targetAfter, targetFinal] { buffer.deallocate() }
        addedEnergy.deallocate()
        abatementReady.deallocate()
        abatementSet.deallocate()
        multiplierReady.deallocate()
    }

    // MARK: - Walks

    /// Computes the years: one walk, plus one per probe.
    func run() -> [YearResult] {
        var resolved = [Int](repeating: 0, count: measureCount)
        var fullFrom = 0
        while true {
            var stop = fullFrom
            while stop < measureCount, resolved[stop] == probes[stop].count || activeYears[stop].isEmpty {
                stop += 1
            }
            let probes = stop < measureCount ? lookahead(from: stop, resolved) : []
            walk(fullFrom: fullFrom, upTo: stop, probes: probes)
            guard !probes.isEmpty else { break }
            for (j, probe) in probes {
                resolve(j, probe)
                resolved[j] += 1
            }
            fullFrom = stop
        }
        return yearIndices.indices.map(result)
    }

    /// The probes one walk can add up: measure `first`'s next one, and those of the
    /// reductions and caps after it whose totals the measures not yet resolved cannot
    /// change. A reduction or cap changes only m of its pollutants on its selection, and
    /// no measure's effect on A or a reads m; so a later reduction or cap whose selection or
    /// pollutants are disjoint from those of each one skipped can be probed in the same
    /// walk, the measures in between changing the state as usual. The look-ahead stops at
    /// anything else not yet resolved (a substitution whose target's gain is not known).
    private func lookahead(from first: Int, _ resolved: [Int]) -> [(Int, Probe)] {
        var found = [(first, probes[first][resolved[first]])]
        guard isReductionOrCap(first) else { return found }
        var skipped = [first]
        for j in (first + 1)..<measureCount where !activeYears[j].isEmpty {
            if isReductionOrCap(j), resolved[j] < probes[j].count {
                let independent = skipped.allSatisfy { i in
                    scaledPollutants(i).isDisjoint(with: scaledPollutants(j))
                        || !ProjectionEngine.intersect(engine.plans[i].selection, engine.plans[j].selection)
                }
                guard independent else { break }
                found.append((j, .emissions))
                skipped.append(j)
            } else if case .substitute = engine.plans[j].measure.kind {
                // Only with its fraction and its target's gain known can it act.
                let known = activeYears[j].allSatisfy { tt in
                    !fraction[j * nt + tt].isNaN && !added[j * nt + tt].isNaN
                }
                guard known else { break }
            }
        }
        return found
    }

    /// The pollutants whose m a reduction or cap changes.
    private func scaledPollutants(_ j: Int) -> Set<Pollutant> { Self.scaledPollutants(engine.plans[j].measure.kind) }

    private static func scaledPollutants(_ kind: Measure.Kind) -> Set<Pollutant> {
        switch kind {
        case let .reduction(amounts): Set(amounts.keys)
        case let .cap(limits): Set(limits.keys)
        default: []
        }
    }

    private func isReductionOrCap(_ j: Int) -> Bool {
        switch engine.plans[j].measure.kind {
        case .reduction, .cap: true
        default: false
        }
    }

    /// Where a block's sources are: its first global index, its size, and per pollutant its
    /// k and η (nil: the inventory has no column for the pollutant: k = 0).
    private struct Block {
        var start: Int
        var count: Int
        var isExtras: Bool
        var k: [UnsafePointer<Double>?]
        var eta: [UnsafePointer<Double>?]
        var energy: UnsafePointer<Double>?
        var fossil: UnsafePointer<Bool>?
    }

    /// One walk over every block: measures before `fullFrom` only change the state, those in
    /// `fullFrom..<upTo` also add up their sums, then measure `upTo`'s probe (or, with no
    /// probe, the targets' and the breakdown's sums).
    private func walk(fullFrom: Int, upTo: Int, probes: [(Int, Probe)]) {
        let table = engine.universe.table
        let columns = engine.universe.pollutants.map { table.columns(for: $0) }
        var cursors = [Int](repeating: 0, count: measureCount)
        var targetCursors = [Int](repeating: 0, count: targetCount)
        let energyColumn = table.energyPerActivity ?? []
        let fossilColumn = table.isFossil ?? []
        withPointers(columns.map { $0?.intensity ?? [] }) { kBase in
            withPointers(columns.map { $0?.efficiency ?? [] }) { etaBase in
                energyColumn.withUnsafeBufferPointer { energy in
                    fossilColumn.withUnsafeBufferPointer { fossil in
                        var start = 0
                        while start < inventoryCount {
                            let count = min(Self.blockSize, inventoryCount - start)
                            let block = Block(
                                start: start, count: count, isExtras: false,
                                k: kBase.map { $0.map { $0 + start } },
                                eta: etaBase.map { $0.map { $0 + start } },
                                energy: energy.baseAddress.map { $0 + start },
                                fossil: fossil.baseAddress.map { $0 + start })
                            let end = start + count
                            var ranges: [Range<Int>] = []
                            ranges.reserveCapacity(measureCount)
                            for j in 0..<measureCount {
                                let selection = engine.plans[j].selection
                                let lo = cursors[j]
                                var hi = lo
                                let limit = inventoryEnd[j]
                                while hi < limit, Int(selection[hi]) < end { hi += 1 }
                                cursors[j] = hi
                                ranges.append(lo..<hi)
                            }
                            var targetRanges: [Range<Int>] = []
                            for i in 0..<targetCount {
                                let selection = engine.targetPlans[i].selection ?? []
                                let lo = targetCursors[i]
                                var hi = lo
                                while hi < targetInventoryEnd[i], Int(selection[hi]) < end { hi += 1 }
                                targetCursors[i] = hi
                                targetRanges.append(lo..<hi)
                            }
                            sweep(block, ranges, targetRanges, fullFrom: fullFrom, upTo: upTo, probes: probes)
                            start = end
                        }
                    }
                }
            }
        }
        guard extraCount > 0 else { return }
        withPointers(extraIntensity) { k in
            withPointers(extraEfficiency) { eta in
                extraEnergy.withUnsafeBufferPointer { energy in
                    extraFossil.withUnsafeBufferPointer { fossil in
                        let block = Block(
                            start: inventoryCount, count: extraCount, isExtras: true, k: k,
                            eta: eta, energy: energy.baseAddress,
                            fossil: fossil.baseAddress)
                        let ranges = (0..<measureCount).map { inventoryEnd[$0]..<engine.plans[$0].selection.count }
                        let targetRanges = (0..<targetCount).map {
                            targetInventoryEnd[$0]..<(engine.targetPlans[$0].selection?.count ?? 0)
                        }
                        sweep(block, ranges, targetRanges, fullFrom: fullFrom, upTo: upTo, probes: probes)
                    }
                }
            }
        }
    }

    /// One block of one walk: the measures before `upTo` and, with `probes`, their totals
    /// (the measures between them changing the state only), else the final sums.
    private func sweep(
        _ block: Block, _ ranges: [Range<Int>], _ targetRanges: [Range<Int>], fullFrom: Int, upTo: Int,
        probes: [(Int, Probe)]
    ) {
        initialize(block)
        for j in 0..<upTo where !activeYears[j].isEmpty {
            let full = j >= fullFrom
            if full { targetQuantities(j, block, targetRanges, into: targetBefore) }
            apply(j, block, ranges[j], full: full)
            if full { targetQuantities(j, block, targetRanges, into: targetAfter) }
        }
        guard !probes.isEmpty else { return finalSums(block, targetRanges) }
        var next = upTo
        for (j, probe) in probes {
            for k in next..<j where !activeYears[k].isEmpty && !probes.contains(where: { $0.0 == k }) {
                apply(k, block, ranges[k], full: false)
            }
            self.probe(probe, j, block, ranges[j])
            next = j + 1
        }
    }

    /// The state at the start of each year: `A = A0 · g(y)` (0 for scenario-defined sources),
    /// `a = 1 − η0`, `m = 1`.
    private func initialize(_ block: Block) {
        let n = block.count
        if block.isExtras {
            activity.update(repeating: 0, count: lanes * rows)
        } else {
            let base = engine.universe.table.activity
            let driverOf = engine.driverOfSource
            let growth = engine.driverGrowth
            base.withUnsafeBufferPointer { base in
                driverOf.withUnsafeBufferPointer { driverOf in
                    for (tt, t) in yearIndices.enumerated() {
                        let g = growth.map { $0[t] }
                        g.withUnsafeBufferPointer { g in
                            for l in 0..<n {
                                let s = block.start + l
                                let d = driverOf[s]
                                activity[l * lanes + tt] = d < 0 ? base[s] : base[s] * g[Int(d)]
                            }
                        }
                    }
                    // The lane past the last year of an odd count: no activity.
                    for tt in nt..<lanes {
                        for l in 0..<n { activity[l * lanes + tt] = 0 }
                    }
                }
            }
        }
        // The factor arrays are set up when a measure first changes them in this block (a
        // source's abatement, the block's multiplier: `prepareAbatement`,
        // `prepareMultiplier`); until then a = 1 − η0 and m = 1 are read from the inventory.
        for slot in 0..<abatementSlots where abatementReady[slot] {
            (abatementSet + slot * rows).update(repeating: false, count: rows)
        }
        abatementReady.update(repeating: false, count: max(1, abatementSlots))
        multiplierReady.update(repeating: false, count: max(1, multiplierSlots))
    }

    /// Sets the abatement of pollutant p (slot `slot`) of local source l to 1 − η0 in every
    /// year, unless done.
    @inline(__always) private func prepareAbatement(_ block: Block, _ p: Int, _ slot: Int, _ l: Int) {
        let set = abatementSet + slot * rows
        guard !set[l] else { return }
        set[l] = true
        let value = 1 - (block.eta[p]?[l] ?? 0)
        let state = abatement + slot * lanes * rows + l * lanes
        for tt in 0..<lanes { state[tt] = value }
    }

    /// Sets pollutant p's multiplier of the block to 1 in every year, unless done.
    private func prepareMultiplier(_ p: Int) {
        let slot = multiplierSlot[p]
        guard slot >= 0, !multiplierReady[slot] else { return }
        multiplierReady[slot] = true
        (multiplier + slot * lanes * rows).update(repeating: 1, count: lanes * rows)
    }

    // MARK: - Terms

    /// Pollutant p's factors at a block's sources, as raw pointers for the inner loops.
    /// Scalar accessors take a local year tt, vector ones a pair of years yp (years 2·yp
    /// and 2·yp + 1).
    private struct Factors {
        let k: UnsafePointer<Double>
        let eta: UnsafePointer<Double>?
        /// The state of the slot (nil: a = 1 − η0, m = 1), `lanes` years per source; for
        /// the abatement, only of the sources marked in `set`.
        let abatement: UnsafeMutablePointer<Double>?
        let set: UnsafeMutablePointer<Bool>
        let multiplier: UnsafeMutablePointer<Double>?
        let lanes: Int
        let isExtras: Bool

        @inline(__always) func a(_ tt: Int, _ l: Int) -> Double {
            if let abatement, set[l] { return abatement[l * lanes + tt] }
            return 1 - (eta?[l] ?? 0)
        }

        @inline(__always) func m(_ tt: Int, _ l: Int) -> Double {
            if let multiplier { return multiplier[l * lanes + tt] }
            return 1
        }

        /// Emission per unit of activity, `k · a · m`.
        @inline(__always) func rate(_ tt: Int, _ l: Int) -> Double { k[l] * a(tt, l) * m(tt, l) }

        /// `w · k · a · m` as `ProjectionWorker.rateSum` forms it: `((w·k)·a)·m` for the
        /// inventory's sources (no `·m` where nothing scales: multiplying by 1 is exact),
        /// `w·(k·a·m)` for the scenario's.
        @inline(__always) func term(_ w: Double, _ tt: Int, _ l: Int) -> Double {
            if isExtras { return w * rate(tt, l) }
            let product = w * k[l] * a(tt, l)
            if let multiplier { return product * multiplier[l * lanes + tt] }
            return product
        }

        @inline(__always) func a(pair yp: Int, _ l: Int) -> SIMD2<Double> {
            if let abatement, set[l] { return SIMD2.load(abatement + l * lanes + 2 * yp) }
            return SIMD2(repeating: 1 - (eta?[l] ?? 0))
        }

        @inline(__always) func m(pair yp: Int, _ l: Int) -> SIMD2<Double> {
            if let multiplier { return SIMD2.load(multiplier + l * lanes + 2 * yp) }
            return SIMD2(repeating: 1)
        }

        /// `term` of two years at once (the same operations, lane by lane).
        @inline(__always) func term(_ w: SIMD2<Double>, pair yp: Int, _ l: Int) -> SIMD2<Double> {
            let k = SIMD2(repeating: self.k[l])
            if isExtras { return w * (k * a(pair: yp, l) * m(pair: yp, l)) }
            let product = w * k * a(pair: yp, l)
            if multiplier != nil { return product * m(pair: yp, l) }
            return product
        }
    }

    /// Pollutant p's factors in the block (nil: the inventory has no column for it, so its
    /// sources add nothing, as in the per-year path).
    @inline(__always) private func factors(_ block: Block, _ p: Int) -> Factors? {
        guard let k = block.k[p] else { return nil }
        let aSlot = abatementSlot[p]
        let mSlot = multiplierSlot[p]
        return Factors(
            k: k, eta: block.eta[p],
            abatement: aSlot >= 0 && abatementReady[aSlot] ? abatement + aSlot * lanes * rows : nil,
            set: abatementSet + max(0, aSlot) * rows,
            multiplier: mSlot >= 0 && multiplierReady[mSlot] ? multiplier + mSlot * lanes * rows : nil,
            lanes: lanes, isExtras: block.isExtras)
    }

    /// φ of measure j in the two years of pair yp (0 where it does not apply, and in the
    /// lane past the last year).
    @inline(__always) private func phi(_ j: Int, pair yp: Int) -> SIMD2<Double> {
        let first = 2 * yp
        return SIMD2(phi[j * nt + first], first + 1 < nt ? phi[j * nt + first + 1] : 0)
    }

    /// A per-(j, year) value of the two years of pair yp; `otherwise` where it is NaN or
    /// past the last year.
    @inline(__always) private func pair(
        _ values: UnsafeMutablePointer<Double>, _ base: Int, _ yp: Int, otherwise: Double
    ) -> SIMD2<Double> {
        let first = 2 * yp
        let x = values[base + first]
        let y = first + 1 < nt ? values[base + first + 1] : .nan
        return SIMD2(x.isNaN ? otherwise : x, y.isNaN ? otherwise : y)
    }

    /// The value of year tt of the sums `sums[base · pairs …]`.
    @inline(__always) private func value(_ sums: UnsafeMutablePointer<SumPair>, _ base: Int, _ tt: Int) -> Double {
        sums[base * pairs + tt / 2].value(lane: tt % 2)
    }

    /// Adds the energy that activity `w` (two years) carries at local source l, as
    /// `energyCarried` does.
    @inline(__always) private func addEnergy(
        _ block: Block, _ w: SIMD2<Double>, _ l: Int, _ all: inout SumPair, _ nonFossil: inout SumPair
    ) {
        let perUnit = block.energy?[l] ?? 0
        guard perUnit != 0 else { return }
        let e = w * perUnit
        all.add(e)
        if !(block.fossil.map { $0[l] } ?? true) { nonFossil.add(e) }
    }

    /// The same for one year, into plain sums.
    @inline(__always) private func addEnergy(
        _ block: Block, _ w: Double, _ l: Int, _ all: inout CompensatedSum, _ nonFossil: inout CompensatedSum
    ) {
        let perUnit = block.energy?[l] ?? 0
        guard perUnit != 0 else { return }
        let e = w * perUnit
        all.add(e)
        if !(block.fossil.map { $0[l] } ?? true) { nonFossil.add(e) }
    }

    /// Adds, for each pollutant p the measure's substitution or scale moves, the emissions
    /// that the activity in `scratch` (`scratch[i · lanes + tt]`: selected source i of the
    /// block, year tt) carried, and its energy. Years where the measure does not apply carry
    /// 0, which leaves a sum as it is.
    private func addMoved(_ j: Int, _ block: Block, _ range: Range<Int>) {
        let selection = engine.plans[j].selection
        for p in 0..<pollutantCount where emitting[j][p] {
            guard let f = factors(block, p) else { continue }
            let sums = main + (j * pollutantCount + p) * pairs
            for (i, r) in range.enumerated() {
                let l = Int(selection[r]) - block.start
                for yp in 0..<pairs {
                    sums[yp].add(f.term(SIMD2.load(scratch + i * lanes + 2 * yp), pair: yp, l))
                }
            }
        }
        guard hasEnergy else { return }
        for (i, r) in range.enumerated() {
            let l = Int(selection[r]) - block.start
            for yp in 0..<pairs {
                addEnergy(
                    block, SIMD2.load(scratch + i * lanes + 2 * yp), l, &energyAll[j * pairs + yp],
                    &energyNonFossil[j * pairs + yp])
            }
        }
    }

    // MARK: - Measures on a block

    private func apply(_ j: Int, _ block: Block, _ range: Range<Int>, full: Bool) {
        let plan = engine.plans[j]
        switch plan.measure.kind {
        case let .retrofit(efficiencies, additional, coverage):
            guard !range.isEmpty else { return }
            retrofit(j, block, range, efficiencies, additional, coverage, full: full)
        case let .scale(value):
            guard !range.isEmpty else { return }
            scale(j, block, range, value, full: full)
        case let .substitute(_, _, ratio):
            substitute(j, block, range, ratio, full: full)
        case .reduction, .cap:
            guard !range.isEmpty else { return }
            scaleMultiplier(j, block, range, full: full)
        case .add:
            guard block.isExtras, let source = plan.source else { return }
            add(j, block, source - block.start, full: full)
        }
    }

    /// In years where the retrofit does not apply, φ = 0 leaves a unchanged (a − 0·x = a,
    /// a·1 = a) and adds terms of 0.
    private func retrofit(
        _ j: Int, _ block: Block, _ range: Range<Int>, _ efficiencies: [Pollutant: Double],
        _ additional: [Pollutant: Double], _ coverage: Double, full: Bool
    ) {
        let pollutants = engine.universe.pollutants
        // φ·c per pair of years: `phi * coverage * x` is `(phi * coverage) * x`.
        let reach = (0..<pairs).map { phi(j, pair: $0) * coverage }
        let selection = engine.plans[j].selection
        let zero = SIMD2<Double>(repeating: 0)
        for p in 0..<pollutantCount {
            let replacement = efficiencies[pollutants[p]]
            let addOn = additional[pollutants[p]]
            let slot = abatementSlot[p]
            guard replacement != nil || addOn != nil, slot >= 0 else { continue }
            abatementReady[slot] = true
            let k = block.k[p]
            let state = abatement + slot * lanes * rows
            let mSlot = multiplierSlot[p]
            let m = mSlot >= 0 && multiplierReady[mSlot] ? multiplier + mSlot * lanes * rows : nil
            let sums = main + (j * pollutantCount + p) * pairs
            for r in range {
                let l = Int(selection[r]) - block.start
                let ks = SIMD2(repeating: k?[l] ?? 0)
                prepareAbatement(block, p, slot, l)
                for yp in 0..<pairs {
                    let f = state + l * lanes + 2 * yp
                    let before = SIMD2.load(f)
                    var after = before
                    if let eta = replacement {
                        // a ← a − φ·c·max(0, η_new − (1 − a)), max as Swift's: x ≥ 0 ? x : 0
                        let gap = SIMD2(repeating: eta) - (1 - after)
                        after -= reach[yp] * zero.replacing(with: gap, where: gap .>= zero)
                    }
                    if let delta = addOn {
                        // a ← a · (1 − φ·c·δ)
                        after *= 1 - reach[yp] * delta
                    }
                    after.store(f)
                    guard full else { continue }
                    // Where a did not change the term is 0, which leaves the sum as it is.
                    let change = before - after
                    let mValue = m.map { SIMD2.load($0 + l * lanes + 2 * yp) } ?? SIMD2(repeating: 1)
                    sums[yp].add(SIMD2.load(activity + l * lanes + 2 * yp) * ks * change * mValue)
                }
            }
        }
    }

    private func scale(_ j: Int, _ block: Block, _ range: Range<Int>, _ value: Double, full: Bool) {
        // A ← A · (1 − φ(1 − f)); the removed activity takes its emissions with it. Where
        // the measure does not apply, keep = 1 and nothing is removed.
        let keep = (0..<pairs).map { 1 - phi(j, pair: $0) * (1 - value) }
        let selection = engine.plans[j].selection
        for (i, r) in range.enumerated() {
            let l = Int(selection[r]) - block.start
            for yp in 0..<pairs {
                let cell = activity + l * lanes + 2 * yp
                let a = SIMD2.load(cell)
                (a * (1 - keep[yp])).store(scratch + i * lanes + 2 * yp)
                (a * keep[yp]).store(cell)
            }
        }
        if full { addMoved(j, block, range) }
    }

    private func substitute(_ j: Int, _ block: Block, _ range: Range<Int>, _ ratio: Double, full: Bool) {
        let years = activeYears[j]
        let selection = engine.plans[j].selection
        // The fraction moved (known only where the measure applies; 0 elsewhere).
        let shares = (0..<pairs).map { pair(fraction, j * nt, $0, otherwise: 0) }
        for (i, r) in range.enumerated() {
            let l = Int(selection[r]) - block.start
            for yp in 0..<pairs {
                let cell = activity + l * lanes + 2 * yp
                let a = SIMD2.load(cell)
                let out = a * shares[yp]
                (a - out).store(cell)
                out.store(scratch + i * lanes + 2 * yp)
                if full { moved[j * pairs + yp].add(out) }
            }
        }
        if full { addMoved(j, block, range) }
        // The target gains r · moved once the whole selection has given: in the block of
        // the scenario-defined sources (which come last) or, for an inventory source, after
        // the probe that added up the moved activity.
        guard let target = engine.plans[j].source, (block.start..<(block.start + block.count)).contains(target)
        else { return }
        let l = target - block.start
        for tt in years {
            let index = j * nt + tt
            if added[index].isNaN { added[index] = ratio * value(moved, j, tt) }
            if full {
                for p in 0..<pollutantCount {
                    targetRate[(j * pollutantCount + p) * nt + tt] = factors(block, p)?.rate(tt, l) ?? 0
                }
            }
            activity[l * lanes + tt] += added[index]
        }
    }

    /// A reduction or cap: m ← m · factor on the selection, where a probe found one (and
    /// m · 1 elsewhere, which leaves it as it is).
    private func scaleMultiplier(_ j: Int, _ block: Block, _ range: Range<Int>, full: Bool) {
        let selection = engine.plans[j].selection
        for p in 0..<pollutantCount {
            let slot = multiplierSlot[p]
            let base = (j * pollutantCount + p) * nt
            guard slot >= 0, (activeYears[j].contains { !factor[base + $0].isNaN }) else { continue }
            prepareMultiplier(p)
            let factors = (0..<pairs).map { pair(factor, base, $0, otherwise: 1) }
            let state = multiplier + slot * lanes * rows
            for r in range {
                let l = Int(selection[r]) - block.start
                for yp in 0..<pairs {
                    let cell = state + l * lanes + 2 * yp
                    (SIMD2.load(cell) * factors[yp]).store(cell)
                }
            }
            guard full, let f = self.factors(block, p) else { continue }
            let sums = main + (j * pollutantCount + p) * pairs
            for r in range {
                let l = Int(selection[r]) - block.start
                for yp in 0..<pairs {
                    sums[yp].add(f.term(SIMD2.load(activity + l * lanes + 2 * yp), pair: yp, l))
                }
            }
        }
    }

    private func add(_ j: Int, _ block: Block, _ l: Int, full: Bool) {
        let source = block.start + l
        let d = engine.driverOfSource[source]
        let base = engine.universe.baseActivity(source)
        for tt in activeYears[j] {
            let t = yearIndices[tt]
            let grown = base * (d < 0 ? 1 : engine.driverGrowth[Int(d)][t])
            let value = phi[j * nt + tt] * grown
            activity[l * lanes + tt] = value
            guard full else { continue }
            for p in 0..<pollutantCount {
                addEmissions[(j * pollutantCount + p) * nt + tt] = -value * (factors(block, p)?.rate(tt, l) ?? 0)
            }
            if hasEnergy {
                var all = CompensatedSum()
                var nonFossil = CompensatedSum()
                addEnergy(block, value, l, &all, &nonFossil)
                addedEnergy[j * nt + tt] = (all.value, nonFossil.value)
            }
        }
    }

    // MARK: - Probes and the sums at the end

    /// Adds up a probe in every pair of years (those where the measure does not apply are
    /// not read).
    private func probe(_ probe: Probe, _ j: Int, _ block: Block, _ range: Range<Int>) {
        guard !range.isEmpty else { return }
        let selection = engine.plans[j].selection
        switch probe {
        case .emissions:
            for p in 0..<pollutantCount where multiplierSlot[p] >= 0 {
                guard let f = factors(block, p) else { continue }
                let sums = probed + (j * pollutantCount + p) * pairs
                for r in range {
                    let l = Int(selection[r]) - block.start
                    for yp in 0..<pairs {
                        sums[yp].add(f.term(SIMD2.load(activity + l * lanes + 2 * yp), pair: yp, l))
                    }
                }
            }
        case .activity:
            for r in range {
                let l = Int(selection[r]) - block.start
                for yp in 0..<pairs { available[j * pairs + yp].add(SIMD2.load(activity + l * lanes + 2 * yp)) }
            }
        case .moved:
            let shares = (0..<pairs).map { pair(fraction, j * nt, $0, otherwise: 0) }
            for r in range {
                let l = Int(selection[r]) - block.start
                for yp in 0..<pairs {
                    moved[j * pairs + yp].add(SIMD2.load(activity + l * lanes + 2 * yp) * shares[yp])
                }
            }
        }
    }

    /// What a probe's total means for measure j in each year, as `applyReduction`,
    /// `applyCap` and `applySubstitute` decide it.
    private func resolve(_ j: Int, _ probe: Probe) {
        let pollutants = engine.universe.pollutants
        let plan = engine.plans[j]
        for tt in activeYears[j] {
            let phi = self.phi[j * nt + tt]
            switch (probe, plan.measure.kind) {
            case let (.emissions, .reduction(amounts)):
                for (pollutant, amount) in amounts {
                    guard let p = pollutants.firstIndex(of: pollutant) else {
                        shortfalls[tt].append(
                            .init(measure: j, pollutant: pollutant, requested: amount * phi, available: 0))
                        continue
                    }
                    let index = (j * pollutantCount + p) * nt + tt
                    let total = value(probed, j * pollutantCount + p, tt)
                    let wanted = phi * amount
                    if wanted > total * (1 + Tolerance.shortfall) || total == 0 {
                        shortfalls[tt].append(
                            .init(measure: j, pollutant: pollutant, requested: wanted, available: total))
                    }
                    guard total > 0 else { continue }
                    // m ← m · max(0, 1 − φ·R / E_sel)
                    current[index] = total
                    factor[index] = max(0, 1 - wanted / total)
                }
            case let (.emissions, .cap(limits)):
                for (pollutant, limit) in limits {
                    guard let p = pollutants.firstIndex(of: pollutant) else { continue }
                    let index = (j * pollutantCount + p) * nt + tt
                    let total = value(probed, j * pollutantCount + p, tt)
                    guard total > limit, total > 0 else { continue }
                    // Scale so that the total is (1 − φ)·current + φ·min(current, C).
                    let wanted = (1 - phi) * total + phi * limit
                    current[index] = total
                    factor[index] = wanted / total
                }
            case let (.activity, .substitute(_, .amount(amount), _)):
                // The selection gives Q·φ in total, pro rata to current activity, at most all.
                let total = value(available, j, tt)
                let wanted = amount * phi
                fraction[j * nt + tt] = total > 0 ? min(1, wanted / total) : 0
                if wanted > total * (1 + Tolerance.shortfall) {
                    shortfalls[tt].append(.init(measure: j, pollutant: nil, requested: wanted, available: total))
                }
            case let (.moved, .substitute(_, _, ratio)):
                added[j * nt + tt] = ratio * value(moved, j, tt)
            default:
                break
            }
        }
    }

    /// Measure j's change of the targets it touches, in their year: their quantity over
    /// their selection (before or after it).
    private func targetQuantities(
        _ j: Int, _ block: Block, _ targetRanges: [Range<Int>], into sums: UnsafeMutablePointer<CompensatedSum>
    ) {
        for i in 0..<targetCount where engine.touches[j][i] {
            let tt = targetYear[i]
            guard tt >= 0, phi[j * nt + tt] > 0 else { continue }
            quantity(i, tt, block, targetRanges[i], &sums[j * targetCount + i])
        }
    }

    /// Adds target i's quantity over the block's part of its selection in local year tt.
    private func quantity(_ i: Int, _ tt: Int, _ block: Block, _ range: Range<Int>, _ sum: inout CompensatedSum) {
        guard !range.isEmpty, let selection = engine.targetPlans[i].selection else { return }
        switch engine.targetPlans[i].target.metric {
        case let .pollutant(pollutant):
            guard let p = engine.universe.pollutants.firstIndex(of: pollutant), let f = factors(block, p) else {
                return
            }
            for r in range {
                let l = Int(selection[r]) - block.start
                sum.add(f.term(activity[l * lanes + tt], tt, l))
            }
        case .energy:
            var nonFossil = CompensatedSum()
            for r in range {
                let l = Int(selection[r]) - block.start
                addEnergy(block, activity[l * lanes + tt], l, &sum, &nonFossil)
            }
        }
    }

    /// After the last measure: the targets' quantities and the breakdown's sums.
    private func finalSums(_ block: Block, _ targetRanges: [Range<Int>]) {
        for i in 0..<targetCount where targetYear[i] >= 0 {
            quantity(i, targetYear[i], block, targetRanges[i], &targetFinal[i])
        }
        guard let groupOfSource else { return }
        groupOfSource.withUnsafeBufferPointer { group in
            for p in 0..<pollutantCount {
                guard let f = factors(block, p) else { continue }
                let sums = groups + p * groupCount * pairs
                for l in 0..<block.count {
                    let g = Int(group[block.start + l])
                    for yp in 0..<pairs {
                        // A · (k · a · m), as the breakdown adds it up.
                        let rate = SIMD2(repeating: f.k[l]) * f.a(pair: yp, l) * f.m(pair: yp, l)
                        sums[g * pairs + yp].add(SIMD2.load(activity + l * lanes + 2 * yp) * rate)
                    }
                }
            }
        }
    }

    // MARK: - The years' results

    /// Local year tt's result, assembled as `ProjectionWorker.year` does.
    private func result(_ tt: Int) -> YearResult {
        let t = yearIndices[tt]
        let year = engine.years[t]
        let pollutants = engine.universe.pollutants
        let baseline = engine.baseline
        let targets = engine.targetPlans
        var result = YearResult(
            baselineTotals: pollutants.map { baseline.values[t, baseline.pollutantColumn[$0]!] },
            totals: [],
            reductions: Array(repeating: Array(repeating: 0, count: pollutantCount), count: measureCount),
            targetBaseline: Array(repeating: 0, count: targetCount),
            targetScenario: Array(repeating: 0, count: targetCount))
        result.targetEffects = Array(repeating: Array(repeating: 0, count: targetCount), count: measureCount)
        var energy = CompensatedSum()
        var nonFossil = CompensatedSum()
        energy.add(baseline.values[t, baseline.energyColumn])
        nonFossil.add(baseline.values[t, baseline.nonFossilColumn])
        let yearTargets = targets.indices.filter { targets[$0].target.year == year }
        var applied: [Int] = []
        for (j, plan) in engine.plans.enumerated() where phi[j * nt + tt] > 0 {
            applied.append(j)
            var delta = (energy: 0.0, nonFossil: 0.0)
            let removed = (value(energyAll, j, tt), value(energyNonFossil, j, tt))
            func main(_ p: Int) -> Double { value(self.main, j * pollutantCount + p, tt) }
            switch plan.measure.kind {
            case let .retrofit(efficiencies, additional, _):
                for p in 0..<pollutantCount where abatementSlot[p] >= 0 {
                    let pollutant = pollutants[p]
                    if efficiencies[pollutant] != nil || additional[pollutant] != nil {
                        result.reductions[j][p] = main(p)
                    }
                }
            case .scale:
                for p in 0..<pollutantCount where emitting[j][p] { result.reductions[j][p] = main(p) }
                delta = (-removed.0, -removed.1)  // −0 without energy, as the per-year path gives
            case .substitute:
                guard let target = plan.source else { break }
                let gained = added[j * nt + tt]
                result.reductions[j] = (0..<pollutantCount).map { p in
                    var sum = CompensatedSum()
                    if emitting[j][p] { sum.add(main(p)) }
                    sum.add(-gained * targetRate[(j * pollutantCount + p) * nt + tt])
                    return sum.value
                }
                if hasEnergy {
                    let targetEnergy = gained * engine.universe.energyPerActivity(target)
                    let targetNonFossil = engine.universe.isFossil(target) ? 0 : targetEnergy
                    delta = (targetEnergy - removed.0, targetNonFossil - removed.1)
                }
            case .reduction, .cap:
                for p in 0..<pollutantCount {
                    let index = (j * pollutantCount + p) * nt + tt
                    if !factor[index].isNaN { result.reductions[j][p] = current[index] - main(p) }
                }
            case .add:
                guard plan.source != nil else { break }
                for p in 0..<pollutantCount {
                    result.reductions[j][p] = addEmissions[(j * pollutantCount + p) * nt + tt]
                }
                if hasEnergy { delta = (addedEnergy[j * nt + tt].all, addedEnergy[j * nt + tt].nonFossil) }
            }
            energy.add(delta.energy)
            nonFossil.add(delta.nonFossil)
            for i in yearTargets where engine.touches[j][i] {
                result.targetEffects[j][i] =
                    targetBefore[j * targetCount + i].value - targetAfter[j * targetCount + i].value
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
        result.totals = (0..<pollutantCount).map { p in
            var sum = CompensatedSum()
            sum.add(result.baselineTotals[p])
            for j in applied { sum.add(-result.reductions[j][p]) }
            return sum.value
        }
        result.energy = energy.value
        result.nonFossilEnergy = nonFossil.value
        engine.settleTargets(&result, year: t) { i, _ in targetFinal[i].value }
        if groupOfSource != nil {
            result.groupTotals = (0..<pollutantCount).map { p in
                (0..<groupCount).map { g in value(groups, p * groupCount + g, tt) }
            }
        }
        result.shortfalls = shortfalls[tt]
        return result
    }
}

extension UnsafeMutablePointer {
    /// `count` elements (at least one), each `value`; deallocate when done.
    fileprivate static func make(_ count: Int, _ value: Pointee) -> UnsafeMutablePointer {
        let pointer = allocate(capacity: Swift.max(1, count))
        pointer.initialize(repeating: value, count: Swift.max(1, count))
        return pointer
    }
}

/// Calls `body` with the base address of each array (nil for an empty one), valid during
/// the call; the arrays are not copied.
private func withPointers<R>(_ arrays: [[Double]], _ body: ([UnsafePointer<Double>?]) -> R) -> R {
    func nest(_ i: Int, _ pointers: inout [UnsafePointer<Double>?]) -> R {
        guard i < arrays.count else { return body(pointers) }
        if arrays[i].isEmpty {
            pointers.append(nil)
            return nest(i + 1, &pointers)
        }
        return arrays[i].withUnsafeBufferPointer { buffer in
            pointers.append(buffer.baseAddress)
            return nest(i + 1, &pointers)
        }
    }
    var pointers: [UnsafePointer<Double>?] = []
    return nest(0, &pointers)
}

/// Two compensated sums side by side, one per lane (two years): `CompensatedSum`'s
/// arithmetic, lane by lane, so each lane's value is the one a `CompensatedSum` given the
/// same terms would have, bit for bit.
struct SumPair {
    var sum = SIMD2<Double>()
    var compensation = SIMD2<Double>()

    @inline(__always) mutating func add(_ value: SIMD2<Double>) {
        let t = sum + value
        let larger = Self.magnitude(sum) .>= Self.magnitude(value)
        let big = value.replacing(with: sum, where: larger)
        let small = sum.replacing(with: value, where: larger)
        compensation += (big - t) + small
        sum = t
    }

    func value(lane: Int) -> Double { sum[lane] + compensation[lane] }

    @inline(__always) static func magnitude(_ x: SIMD2<Double>) -> SIMD2<Double> {
        let bits = unsafeBitCast(x, to: SIMD2<UInt64>.self) & SIMD2(repeating: 0x7FFF_FFFF_FFFF_FFFF)
        return unsafeBitCast(bits, to: SIMD2<Double>.self)
    }
}

extension SIMD2 where Scalar == Double {
    @inline(__always) fileprivate static func load(_ pointer: UnsafeMutablePointer<Double>) -> SIMD2<Double> {
        SIMD2(pointer[0], pointer[1])
    }

    @inline(__always) fileprivate func store(_ pointer: UnsafeMutablePointer<Double>) {
        pointer[0] = self[0]
        pointer[1] = self[1]
    }
}
