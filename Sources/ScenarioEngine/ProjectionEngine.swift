import Diagnostics
import Dispatch
import EmissionInventory
import Scenarios

/// Projects a scenario over its years (Docs/reference).
///
/// `init` resolves every selector against the inventory (and the sources the measures
/// define) once; `project` then computes each year independently from the base state, on as
/// many threads as asked. Each year is computed by one thread in a fixed order, so the
/// results are identical, bit for bit, whatever the thread count.
///
/// Per source s and pollutant P the state is activity `A`, abatement factor `a = 1 − η` and
/// emission multiplier `m`; emissions are `E = A · k · a · m` (t/a). A year starts from
/// `A = A0 · g(y)`, `a = 1 − η0`, `m = 1` and applies the measures in order; measure j's
/// attribution is the total before it minus the total after it, computed over the sources
/// it changes.
public struct ProjectionEngine: Sendable {
    public let scenario: Scenario
    public let inventory: Inventory
    var universe: SourceUniverse
    let plans: [MeasurePlan]
    /// Per measure, a multiplier of its level (of φ): 1 but in a draw of `emis uncertainty`
    /// with a factor on the measure's level.
    var levelScale: [Double]
    /// Index into `driverGrowth` of the driver that applies to each source, or -1.
    let driverOfSource: [Int32]
    /// Per source driver, the growth factor of each year.
    var driverGrowth: [[Double]]
    /// Base-year value and per-year growth of each macro series.
    var macro: [String: (base: Double, growth: [Double])]
    var targetPlans: [TargetPlan]
    let years: [Int]
    /// Growth-only sums of every year (one matrix product).
    var baseline: BaselineSums
    /// Per measure, the pollutants (indices into `universe.pollutants`) that some source of
    /// its selection emits: the only ones its activity changes can move.
    let emitting: [[Int]]
    /// `touches[measure][target]`: the measure changes some source of the target's selection
    /// (always false for a target without a selection). Only then does its effect on that
    /// target need the selection's totals before and after it.
    let touches: [[Bool]]

    struct MeasurePlan: Sendable {
        let measure: Measure
        /// Selected sources (inventory and scenario-defined), ascending.
        let selection: [Int32]
        /// The substitution target or the source an `add` creates.
        let source: Int?
    }

    struct TargetPlan: Sendable {
        let target: Target
        /// nil: all sources.
        let selection: [Int32]?
        /// Base-year total of the selection (before any measure), t or tce.
        var baseTotal: Double
    }

    /// Prepares `scenario` on `inventory`. Problems (a selector that matches nothing, an
    /// unknown id or macro series, a target whose base-year total is zero, …) are added to
    /// `diagnostics`, and nil is returned when there is any error.
    public init?(scenario: Scenario, inventory: Inventory, diagnostics: inout DiagnosticList) {
        let errorsBefore = diagnostics.errorCount
        func error(_ location: SourceLocation?, en: String, zh: String) {
            diagnostics.append(.error(at: location, en: en, zh: zh))
        }
        self.scenario = scenario
        self.inventory = inventory
        years = Array(scenario.years)
        let baseYear = inventory.baseYear
        if scenario.years.lowerBound != baseYear {
            error(
                SourceLocation(file: scenario.file),
                en:
                    "the scenario's first year \(scenario.years.lowerBound) is not the inventory's base year \(baseYear)",
                zh: "情景的起始年 \(scenario.years.lowerBound) 与清单基准年 \(baseYear) 不一致")
        }

        // Ids named anywhere, located in the inventory with one scan.
        var named = Set<String>()
        func collect(_ selector: Selector?) { selector?.ids.map { named.formUnion($0) } }
        for measure in scenario.measures {
            collect(measure.select)
            switch measure.kind {
            case let .substitute(to, _, _): named.insert(to.id)
            case let .add(row): named.insert(row.id)
            default: break
            }
        }
        for driver in scenario.drivers {
            if case let .sources(s) = driver.subject { collect(s) }
        }
        for target in scenario.targets { collect(target.select) }
        var universe = SourceUniverse(table: inventory.sources)
        let inventoryIDs = universe.locate(named)
        func index(of id: String, in universe: SourceUniverse) -> Int? {
            if let s = inventoryIDs[id] { return s }
            return universe.extras.firstIndex { $0.id == id }.map { universe.inventoryCount + $0 }
        }
        // Selectors written alike (many measures select the same sector) are resolved once
        // per set of sources they can see.
        struct SelectionKey: Hashable {
            var sectors: [String]?
            var counties: [String]?
            var ids: [String]?
            var sourceCount: Int
        }
        var resolved: [SelectionKey: (indices: [Int32], unknownIDs: [String])] = [:]
        func resolve(_ selector: Selector, in universe: SourceUniverse, what: LocalizedText) -> [Int32] {
            let key = SelectionKey(
                sectors: selector.sectors, counties: selector.counties, ids: selector.ids,
                sourceCount: universe.count)
            let (indices, unknown) =
                resolved[key]
                ?? {
                    var idIndex: [String: Int] = [:]
                    for id in selector.ids ?? [] {
                        if let s = index(of: id, in: universe) { idIndex[id] = s }
                    }
                    let selection = universe.select(selector, idIndex: idIndex)
                    resolved[key] = selection
                    return selection
                }()
            for id in unknown {
                diagnostics.append(
                    .error(
                        at: selector.location(of: id, in: "ids"),
                        en: "unknown source id '\(id)' in the selector of \(what.en)",
                        zh: "\(what.zh)的选择器中有未知的排放源 id '\(id)'",
                        suggestion: universe.count <= 200_000
                            ? Suggestion.nearest(to: id, among: (0..<universe.count).lazy.map(universe.id)) : nil))
            }
            if !indices.isEmpty {
                // One value of an OR list that matches nothing is almost always a typo.
                for (key, value, suggestion) in universe.unmatchedValues(of: selector) {
                    diagnostics.append(
                        .warning(
                            at: selector.location(of: value, in: key),
                            en:
                                "no source has the \(key) '\(value)': this value of the selector of \(what.en) selects nothing",
                            zh: "没有排放源属于 \(key) '\(value)'：\(what.zh)选择器中的这一项没有选中任何排放源",
                            suggestion: suggestion))
                }
            }
            if indices.isEmpty && unknown.isEmpty {
                // Point at the value that matches nothing, with what was probably meant;
                // only when each value matches something is the combination to blame.
                let blamed = universe.unmatchedValues(of: selector)
                for (key, value, suggestion) in blamed {
                    let name =
                        key == "sector" ? LocalizedText(en: "sector", zh: "行业") : LocalizedText(en: "county", zh: "区县")
                    diagnostics.append(
                        .error(
                            at: selector.location(of: value, in: key),
                            en: "no source has the \(name.en) '\(value)' (in the selector of \(what.en))",
                            zh: "没有排放源属于\(name.zh) '\(value)'（\(what.zh)的选择器）", suggestion: suggestion))
                }
                if blamed.isEmpty {
                    error(
                        selector.location,
                        en:
                            "the selector of \(what.en) matches no source (each condition matches some, not all together)",
                        zh: "\(what.zh)的选择器没有匹配到任何排放源（各条件分别有匹配，但同时满足的没有）")
                }
            }
            return indices
        }

        // Measures, in order: each sees the sources defined before it.
        var plans: [MeasurePlan] = []
        for (j, measure) in scenario.measures.enumerated() {
            let what = LocalizedText(en: "measure '\(measure.id)'", zh: "措施 '\(measure.id)'")
            var source: Int?
            switch measure.kind {
            case let .substitute(to, _, _):
                switch to {
                case let .existing(id):
                    source = index(of: id, in: universe)
                    if source == nil {
                        error(
                            measure.location, en: "measure '\(measure.id)' substitutes into unknown source '\(id)'",
                            zh: "措施 '\(measure.id)' 的替代目标 '\(id)' 不存在")
                    }
                case let .inline(row):
                    if let existing = index(of: row.id, in: universe) {
                        let same =
                            existing >= universe.inventoryCount
                            && universe.extras[existing - universe.inventoryCount] == row
                        if !same {
                            error(
                                row.location ?? measure.location,
                                en: "source id '\(row.id)' is already used; an inline target needs a new id",
                                zh: "排放源 id '\(row.id)' 已被使用；内联替代目标需要新的 id")
                        }
                        source = existing
                    } else {
                        universe.append(row, createdBy: nil)
                        source = universe.count - 1
                    }
                }
            case let .add(row):
                if index(of: row.id, in: universe) != nil {
                    error(
                        row.location ?? measure.location, en: "source id '\(row.id)' is already used",
                        zh: "排放源 id '\(row.id)' 已被使用")
                } else {
                    universe.append(row.inInventoryUnit(inventory.manifest.emissionUnit), createdBy: j)
                    source = universe.count - 1
                }
            default:
                break
            }
            var selection: [Int32] = []
            if let selector = measure.select {
                selection = resolve(selector, in: universe, what: what)
                if let source, case .substitute = measure.kind {
                    selection.removeAll { Int($0) == source }  // never part of its own selection
                    if selection.isEmpty {
                        error(
                            selector.location, en: "the selector of \(what.en) matches only its own target",
                            zh: "\(what.zh)的选择器只匹配到其替代目标本身")
                    }
                }
            }
            plans.append(MeasurePlan(measure: measure, selection: selection, source: source))
        }

        // Drivers: the last one matching a source applies.
        var driverOfSource = [Int32](repeating: -1, count: universe.count)
        var driverGrowth: [[Double]] = []
        var macro: [String: (base: Double, growth: [Double])] = [:]
        for (name, value) in inventory.manifest.macro {
            macro[name] = (value.value, [Double](repeating: 1, count: years.count))
        }
        for driver in scenario.drivers {
            let growth = years.map { driver.growth.factor(year: $0, baseYear: baseYear) }
            switch driver.subject {
            case let .sources(selector):
                let what = LocalizedText(en: "a driver", zh: "驱动因子")
                let selection = resolve(selector, in: universe, what: what)
                let d = Int32(driverGrowth.count)
                driverGrowth.append(growth)
                for s in selection { driverOfSource[Int(s)] = d }
            case let .macro(name):
                if let base = macro[name]?.base {
                    macro[name] = (base, growth)
                } else {
                    let known = inventory.manifest.macro.keys.sorted().joined(separator: ", ")
                    error(
                        driver.location,
                        en: "the inventory has no macro series '\(name)' (it has: \(known.isEmpty ? "none" : known))",
                        zh: "清单中没有宏观序列 '\(name)'（已有：\(known.isEmpty ? "无" : known)）")
                }
            }
        }

        for problem in Self.staticMagnitudeProblems(scenario, years: years, baseYear: baseYear) {
            diagnostics.append(problem)
        }

        // Targets.
        var targetPlans: [TargetPlan] = []
        for target in scenario.targets {
            let what = LocalizedText(en: "target '\(target.id)'", zh: "目标 '\(target.id)'")
            let selection = target.select.map { resolve($0, in: universe, what: what) }
            if case .energy = target.metric, !universe.hasEnergy {
                error(
                    target.location, en: "target '\(target.id)' is on energy, but no source has energy_tce",
                    zh: "目标 '\(target.id)' 针对能源消费，但没有排放源给出 energy_tce")
            }
            let base = Self.baseTotal(target.metric, selection, universe)
            switch target.kind {
            case .reduction, .intensity:
                if base == 0 {
                    error(
                        target.location, en: "target '\(target.id)' is a reduction against a base-year total of zero",
                        zh: "目标 '\(target.id)' 以基准年总量为基数，但基准年总量为零")
                }
            default: break
            }
            if case let .intensity(per, _) = target.kind, macro[per] == nil {
                error(
                    target.location,
                    en: "target '\(target.id)' needs the macro series '\(per)', which the inventory lacks",
                    zh: "目标 '\(target.id)' 需要宏观序列 '\(per)'，但清单中没有")
            }
            targetPlans.append(TargetPlan(target: target, selection: selection, baseTotal: base))
        }

        guard diagnostics.errorCount == errorsBefore else { return nil }
        do {
            baseline = try BaselineSums(
                universe: universe, driverOfSource: driverOfSource, driverGrowth: driverGrowth,
                yearCount: years.count,
                targets: targetPlans.map { ($0.target.metric, $0.selection) })
        } catch {
            diagnostics.append(
                .error(
                    at: SourceLocation(file: scenario.file),
                    en: "internal error while adding up the baseline: \(error)",
                    zh: "计算基准情景时出现内部错误：\(error)"))
            return nil
        }
        emitting = plans.map { universe.emitting(anyOf: $0.selection) }
        touches = plans.map { plan in
            let changed = plan.source.map { Set([Int32($0)]) } ?? []
            return targetPlans.map { target in
                guard let selection = target.selection else { return false }
                return Self.intersect(plan.selection, selection) || selection.contains { changed.contains($0) }
            }
        }
        self.universe = universe
        self.plans = plans
        levelScale = Array(repeating: 1, count: plans.count)
        self.driverOfSource = driverOfSource
        self.driverGrowth = driverGrowth
        self.macro = macro
        self.targetPlans = targetPlans
    }

    /// Whether two ascending index lists share an element.
    static func intersect(_ a: [Int32], _ b: [Int32]) -> Bool {
        var i = 0
        var j = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] { return true }
            if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return false
    }

    /// Base-year total of a target's metric over a selection (nil: everything), before
    /// measures: emissions in t, or energy use `Σ A0 · energy_tce` in tce.
    static func baseTotal(_ metric: Target.Metric, _ selection: [Int32]?, _ universe: SourceUniverse) -> Double {
        switch metric {
        case let .pollutant(p):
            return baseTotal(p, selection, universe)
        case .energy:
            var sum = CompensatedSum()
            for s in selection.map({ $0.map(Int.init) }) ?? Array(0..<universe.inventoryCount)
            where s < universe.inventoryCount {
                sum.add(universe.baseActivity(s) * universe.energyPerActivity(s))
            }
            return sum.value
        }
    }

    /// Base-year total of a pollutant over a selection (nil: everything), before measures:
    /// `Σ A0 · k · (1 − η0)` over inventory sources.
    static func baseTotal(_ p: Pollutant, _ selection: [Int32]?, _ universe: SourceUniverse) -> Double {
        guard let columns = universe.table.columns(for: p) else { return 0 }
        var sum = CompensatedSum()
        let activity = universe.table.activity
        if let selection {
            for s32 in selection where Int(s32) < universe.inventoryCount {
                let s = Int(s32)
                sum.add(activity[s] * columns.intensity[s] * (1 - columns.efficiency[s]))
            }
        } else {
            for s in 0..<universe.inventoryCount {
                sum.add(activity[s] * columns.intensity[s] * (1 - columns.efficiency[s]))
            }
        }
        return sum.value
    }
}
