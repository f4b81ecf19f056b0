import Diagnostics
import Dispatch
import EmissionInventory
import FileFormats
import Scenarios

extension ProjectionEngine {
    /// Projects every year of the scenario.
    ///
    /// - Parameters:
    ///   - levels: adoption level x ∈ [0, 1] of candidate measures by id; a candidate not
    ///     listed is left out (level 0). Its phase-in φ is scaled by x.
    ///   - grouping: also add up the scenario totals by sector, county or source.
    ///   - threads: years computed at the same time; the result does not depend on it.
    public func project(levels: [String: Double] = [:], grouping: Grouping? = nil, threads: Int = 1)
        -> ProjectionResult
    {
        project(levels: levels, grouping: grouping, threads: threads, path: .sweep)
    }

    /// How the years are computed. All three give the same attributions; `.sweep` and
    /// `.perYear` give the same results bit for bit.
    enum Path {
        /// `BlockSweep`: all the years in a few walks over the sources, block by block.
        case sweep
        /// `ProjectionWorker`: one year at a time over per-source arrays.
        case perYear
        /// `ProjectionWorker` adding up every source directly instead of using the baseline
        /// product and the attributions (the straightforward path tests compare with).
        case reference
    }

    func project(levels: [String: Double], grouping: Grouping?, threads: Int, reference: Bool) -> ProjectionResult {
        project(levels: levels, grouping: grouping, threads: threads, path: reference ? .reference : .perYear)
    }

    func project(levels: [String: Double], grouping: Grouping?, threads: Int, path: Path) -> ProjectionResult {
        let (keys, groupOfSource) = groups(grouping)
        let results = yearResults(
            levels: levels, groupOfSource: groupOfSource, groupCount: keys.count, threads: threads, path: path)
        return assemble(results, levels: levels, grouping: grouping, keys: keys)
    }

    /// What one uncertainty draw needs of a projection, without the attributions, warnings
    /// and dictionaries of a `ProjectionResult`: per pollutant of `universe.pollutants` and
    /// year, the scenario and baseline totals; energy use per year (nil without energy);
    /// the targets, evaluated as `project` evaluates them.
    struct Totals {
        var totals: [[Double]]
        var baselineTotals: [[Double]]
        var energy: [Double]?
        var targets: [TargetResult]
    }

    func projectTotals(levels: [String: Double], path: Path) -> Totals {
        let results = yearResults(levels: levels, groupOfSource: nil, groupCount: 0, threads: 1, path: path)
        var macroSeries: [String: [Double]] = [:]
        for (name, value) in macro { macroSeries[name] = value.growth.map { value.base * $0 } }
        return Totals(
            totals: universe.pollutants.indices.map { p in results.map { $0.totals[p] } },
            baselineTotals: universe.pollutants.indices.map { p in results.map { $0.baselineTotals[p] } },
            energy: universe.hasEnergy ? results.map(\.energy) : nil,
            targets: evaluateTargets(results, macro: macroSeries))
    }

    /// Every year's results, computed on up to `threads` threads.
    private func yearResults(
        levels: [String: Double], groupOfSource: [Int32]?, groupCount: Int, threads: Int, path: Path
    ) -> [YearResult] {
        let yearCount = years.count
        let slots = ConcurrentSlots<YearResult?>(count: yearCount, repeating: nil)
        let workers = max(1, min(threads, yearCount))
        let engine = self
        // The sweep, unless a breakdown has so many groups (by source) that its sums would
        // outgrow the per-year arrays; or the per-year worker when asked for.
        let sweep =
            path == .sweep && groupCount * universe.pollutants.count * yearCount <= BlockSweep.maximumGroupSums
        // Worker w computes years w, w + workers, …: a fixed assignment. Each year depends
        // only on shared read-only inputs, so the results do not depend on the assignment.
        // One worker runs on this thread (no pool to wake: uncertainty draws project
        // thousands of times, each on one thread).
        let work = { @Sendable (w: Int) in
            let years = Array(stride(from: w, to: yearCount, by: workers))
            if sweep {
                let results = BlockSweep(
                    engine: engine, yearIndices: years, levels: levels, groupOfSource: groupOfSource,
                    groupCount: groupCount
                ).run()
                for (tt, t) in years.enumerated() { slots[t] = results[tt] }
                return
            }
            var worker = ProjectionWorker(engine: engine)
            for t in years {
                slots[t] = worker.year(
                    t, levels: levels, groupOfSource: groupOfSource, groupCount: groupCount,
                    reference: path == .reference)
            }
        }
        if workers == 1 {
            work(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: workers, execute: work)
        }
        return (0..<yearCount).map { slots[$0]! }
    }

    private func assemble(
        _ results: [YearResult], levels: [String: Double], grouping: Grouping?,
        keys: [String]
    ) -> ProjectionResult {
        let all = universe.pollutants
        func series(_ value: (YearResult, Int) -> Double) -> [Pollutant: [Double]] {
            Dictionary(
                uniqueKeysWithValues: all.enumerated().map { p, pollutant in
                    (pollutant, results.map { value($0, p) })
                })
        }
        let baseline = series { $0.baselineTotals[$1] }
        let totals = series { $0.totals[$1] }
        let shown = all.filter { p in
            (baseline[p] ?? []).contains { $0 != 0 } || (totals[p] ?? []).contains { $0 != 0 }
        }
        let included = plans.indices.filter { !plans[$0].measure.isCandidate || levels[plans[$0].measure.id] != nil }
        let measures = included.map { j in
            let measure = plans[j].measure
            return MeasureAttribution(
                id: measure.id, title: measure.title, kind: measure.kind, category: measure.category,
                reduction: Dictionary(
                    uniqueKeysWithValues: shown.map { pollutant in
                        let p = all.firstIndex(of: pollutant)!
                        return (pollutant, results.map { $0.reductions[j][p] })
                    }))
        }
        var macroSeries: [String: [Double]] = [:]
        for (name, value) in macro { macroSeries[name] = value.growth.map { value.base * $0 } }
        let hasEnergy = universe.hasEnergy
        let energy = hasEnergy ? results.map(\.energy) : nil
        let share = hasEnergy ? results.map { $0.energy > 0 ? $0.nonFossilEnergy / $0.energy : 0 } : nil

        var breakdown: ProjectionBreakdown?
        if let grouping {
            breakdown = ProjectionBreakdown(
                grouping: grouping, keys: keys,
                totals: Dictionary(
                    uniqueKeysWithValues: shown.map { pollutant in
                        let p = all.firstIndex(of: pollutant)!
                        return (pollutant, keys.indices.map { g in results.map { $0.groupTotals[p][g] } })
                    }))
        }
        var result = ProjectionResult(
            scenario: scenario.id, title: scenario.title, baseYear: inventory.baseYear, years: years,
            pollutants: shown, baselineTotals: baseline.filter { shown.contains($0.key) },
            totals: totals.filter { shown.contains($0.key) }, measures: measures, energy: energy,
            nonFossilShare: share, macro: macroSeries, targets: evaluateTargets(results, macro: macroSeries),
            warnings: warnings(results), breakdown: breakdown)
        result.targetEffects = included.map { j in
            targetPlans.indices.map { i in
                guard let t = years.firstIndex(of: targetPlans[i].target.year) else { return 0 }
                return results[t].targetEffects[j][i]
            }
        }
        return result
    }

    /// Docs/reference/targets.md: required, projected, margin (positive when met) and met.
    private func evaluateTargets(_ results: [YearResult], macro: [String: [Double]]) -> [TargetResult] {
        targetPlans.enumerated().map { i, plan in
            let target = plan.target
            let t = years.firstIndex(of: target.year)!
            let scenarioTotal = results[t].targetScenario[i]
            let baselineTotal = results[t].targetBaseline[i]
            var required = 0.0
            var projected = 0.0
            var margin = 0.0
            switch target.kind {
            case let .reduction(fraction):
                required = fraction
                projected = 1 - scenarioTotal / plan.baseTotal
                margin = projected - required
            case let .cap(limit):
                required = limit
                projected = scenarioTotal
                margin = required - projected
            case let .projectReduction(amount):
                required = amount
                projected = baselineTotal - scenarioTotal
                margin = projected - required
            case let .intensity(per, fraction):
                let series = macro[per] ?? []
                let baseValue = self.macro[per]?.base ?? 1
                let intensityNow = scenarioTotal / series[t]
                let intensityBase = plan.baseTotal / baseValue
                required = fraction
                projected = 1 - intensityNow / intensityBase
                margin = projected - required
            }
            return TargetResult(
                id: target.id, title: target.title, metric: target.metric, year: target.year,
                kind: target.kind, required: required, projected: projected, margin: margin,
                note: target.note)
        }
    }

    /// One warning per measure and pollutant that asked for more than its selection had,
    /// naming the years.
    private func warnings(_ results: [YearResult]) -> [Diagnostic] {
        struct Key: Hashable {
            var measure: Int
            var pollutant: Pollutant?
        }
        var byKey: [Key: [(year: Int, requested: Double, available: Double)]] = [:]
        var order: [Key] = []
        for (t, result) in results.enumerated() {
            for shortfall in result.shortfalls {
                let key = Key(measure: shortfall.measure, pollutant: shortfall.pollutant)
                if byKey[key] == nil { order.append(key) }
                byKey[key, default: []].append((years[t], shortfall.requested, shortfall.available))
            }
        }
        return order.map { key in
            let measure = plans[key.measure].measure
            let cases = byKey[key]!
            let yearList = cases.map { String($0.year) }.joined(separator: ", ")
            let worst = cases.max { $0.requested - $0.available < $1.requested - $1.available }!
            let requested = DecimalNumber.format((worst.requested * 100).rounded() / 100)
            let available = DecimalNumber.format((worst.available * 100).rounded() / 100)
            if let pollutant = key.pollutant {
                return .warning(
                    at: measure.location,
                    en:
                        "measure '\(measure.id)' cuts \(pollutant.id) by \(requested) t in \(worst.year) but its selection emits only \(available) t; the cut is limited to what there is (years: \(yearList))",
                    zh:
                        "措施 '\(measure.id)' 在 \(worst.year) 年削减 \(pollutant.id) \(requested) 吨，但所选排放源仅排放 \(available) 吨，削减量以实际排放为限（年份：\(yearList)）"
                )
            }
            return .warning(
                at: measure.location,
                en:
                    "measure '\(measure.id)' moves \(requested) units of activity in \(worst.year) but its selection has only \(available); all of it is moved (years: \(yearList))",
                zh:
                    "措施 '\(measure.id)' 在 \(worst.year) 年替代 \(requested) 单位活动水平，但所选排放源仅有 \(available)，已全部替代（年份：\(yearList)）"
            )
        }
    }

    /// Group keys and each source's group for a breakdown.
    private func groups(_ grouping: Grouping?) -> (keys: [String], groupOfSource: [Int32]?) {
        guard let grouping else { return ([], nil) }
        let n = universe.count
        let inventoryCount = universe.inventoryCount
        /// Keys of a category column, computed once per distinct value (not per source), and
        /// of the scenario-defined sources; then numbered in sorted order.
        func byKey(_ column: CategoryColumn, _ key: (String?) -> String, extra: (Int) -> String) -> ([String], [Int32])
        {
            var index: [String: Int32] = [:]
            func code(_ k: String) -> Int32 {
                if let code = index[k] { return code }
                let code = Int32(index.count)
                index[k] = code
                return code
            }
            let missing = code(key(nil))
            let byValue = column.values.map { code(key($0)) }
            var raw = [Int32](repeating: 0, count: n)
            column.codes.withUnsafeBufferPointer { codes in
                for s in 0..<inventoryCount {
                    let c = codes[s]
                    raw[s] = c < 0 ? missing : byValue[Int(c)]
                }
            }
            for s in inventoryCount..<n { raw[s] = code(extra(s)) }
            // Only keys some source has.
            let used = Set(raw)
            let sorted = index.filter { used.contains($0.value) }.keys.sorted()
            var remap = [Int32](repeating: -1, count: index.count)
            for (k, key) in sorted.enumerated() { remap[Int(index[key]!)] = Int32(k) }
            return (sorted, raw.map { remap[Int($0)] })
        }
        switch grouping {
        case .total:
            return (["total"], [Int32](repeating: 0, count: n))
        case .source:
            return ((0..<n).map(universe.id), (0..<n).map { Int32($0) })
        case .county:
            return byKey(universe.table.counties, { $0 ?? "" }, extra: { universe.county($0) ?? "" })
        case let .sector(depth):
            func key(_ sector: String) -> String {
                guard let depth else { return sector }
                return sector.split(separator: "/").prefix(depth).joined(separator: "/")
            }
            return byKey(universe.table.sectors, { key($0 ?? "") }, extra: { key(universe.sector($0)) })
        }
    }
}
