import Diagnostics
import EmissionInventory
import Scenarios

/// What projecting a scenario gives (Docs/reference/output.md): for every year, baseline and scenario
/// totals per pollutant, each measure's attribution, energy, and the targets' evaluation.
/// Arrays indexed by year are aligned with `years`. Emissions are in t/a.
public struct ProjectionResult: Sendable {
    public var scenario: String
    public var title: String?
    public var baseYear: Int
    public var years: [Int]
    /// In registry order, those with a non-zero baseline or scenario total in some year.
    public var pollutants: [Pollutant]
    /// Growth only, no measure.
    public var baselineTotals: [Pollutant: [Double]]
    public var totals: [Pollutant: [Double]]
    /// In the order the measures were applied.
    public var measures: [MeasureAttribution]
    /// Energy use, tce per year, when the inventory has `energy_tce`.
    public var energy: [Double]?
    /// Share of energy from non-fossil sources, when the inventory has `energy_tce`.
    public var nonFossilShare: [Double]?
    /// Projected macro series (`gdp`, `population`), in the inventory's units.
    public var macro: [String: [Double]]
    public var targets: [TargetResult]
    /// Shortfalls of `reduction` measures and other things worth a planner's attention.
    public var warnings: [Diagnostic]
    /// Scenario totals by group, when asked for.
    public var breakdown: ProjectionBreakdown?
    /// `targetEffects[m][t]`: how much measure `measures[m]` lowers the quantity of target
    /// `targets[t]` (t or tce over the target's selection) in the target's year: its
    /// attribution as far as that target is concerned. What the optimiser linearises.
    public var targetEffects: [[Double]] = []

    public init(
        scenario: String, title: String?, baseYear: Int, years: [Int], pollutants: [Pollutant],
        baselineTotals: [Pollutant: [Double]], totals: [Pollutant: [Double]],
        measures: [MeasureAttribution], energy: [Double]?, nonFossilShare: [Double]?,
        macro: [String: [Double]], targets: [TargetResult], warnings: [Diagnostic],
        breakdown: ProjectionBreakdown?
    ) {
        self.scenario = scenario
        self.title = title
        self.baseYear = baseYear
        self.years = years
        self.pollutants = pollutants
        self.baselineTotals = baselineTotals
        self.totals = totals
        self.measures = measures
        self.energy = energy
        self.nonFossilShare = nonFossilShare
        self.macro = macro
        self.targets = targets
        self.warnings = warnings
        self.breakdown = breakdown
    }
}

/// How much one measure reduced each pollutant each year:
/// `total_P(before the measure) − total_P(after it)`; negative when it adds emissions.
public struct MeasureAttribution: Sendable {
    public var id: String
    public var title: String?
    public var kind: Measure.Kind
    public var category: String?
    public var reduction: [Pollutant: [Double]]

    public init(id: String, title: String?, kind: Measure.Kind, category: String?, reduction: [Pollutant: [Double]]) {
        self.id = id
        self.title = title
        self.kind = kind
        self.category = category
        self.reduction = reduction
    }
}

/// A target evaluated (Docs/reference/targets.md): `margin` is positive when met.
public struct TargetResult: Sendable, Equatable {
    public var id: String
    public var title: String?
    public var metric: Target.Metric
    public var year: Int
    /// The kind as the scenario states it, with its required value.
    public var kind: Target.Kind
    /// Required and projected values in the same quantity: a fraction for `reduction` and
    /// `intensity`, t (tce for energy) for `cap` and `project_reduction`.
    public var required: Double
    public var projected: Double
    public var margin: Double
    /// `isMet(margin:required:)`, decided once when the target is evaluated.
    public var met: Bool
    public var note: String?

    public init(
        id: String, title: String?, metric: Target.Metric, year: Int, kind: Target.Kind, required: Double,
        projected: Double, margin: Double, note: String?
    ) {
        self.id = id
        self.title = title
        self.metric = metric
        self.year = year
        self.kind = kind
        self.required = required
        self.projected = projected
        self.margin = margin
        self.met = Self.isMet(margin: margin, required: required)
        self.note = note
    }

    /// The met rule: `margin ≥ −ε · max(1, |required|)` with ε = `Tolerance.targetMet`, so that
    /// a target met exactly is not missed by rounding.
    public static func isMet(margin: Double, required: Double) -> Bool {
        margin >= -Tolerance.targetMet * max(1, abs(required))
    }

    /// The macro series of an `intensity` target (`gdp`, `population`); nil for other kinds.
    public var per: String? {
        if case let .intensity(per, _) = kind { return per }
        return nil
    }

    /// Whether `required` and `projected` are fractions (a reduction, an intensity
    /// reduction) rather than amounts.
    public var isFraction: Bool {
        switch kind {
        case .reduction, .intensity: true
        case .cap, .projectReduction: false
        }
    }
}

/// The tolerances of the model, named once.
public enum Tolerance {
    /// Relative slack of the met rule (`TargetResult.isMet`).
    public static let targetMet = 1e-9

    /// Relative excess of a requested amount (a `reduction`'s R·φ, a `substitute`'s Q·φ)
    /// over what the selection holds before it counts as a shortfall (and is warned about).
    public static let shortfall = 1e-12

    /// A candidate level below this is "not chosen", above 1 − this is "in full"; between
    /// them, "in part". Also the level below which the optimiser keeps a candidate's old
    /// coefficients (its attribution per unit level cannot be read off).
    public static let level = 1e-9

    /// Relative margin above which a target is slack, not binding, in the least-cost
    /// solution: it then has no shadow price.
    public static let binding = 1e-6

    /// An amount of emissions (t/a) below which a measure's effect is shown as none.
    public static let negligibleTonnes = 1e-6

    /// Interior-point levels lie a hair inside [0, 1]: a level below this is set to 0, one
    /// above 1 − this to 1, before anything is reported or counted.
    public static let levelSnap = 1e-6

    /// A shadow price (元 per unit of the target's quantity) below which it is shown as 0.
    public static let negligiblePrice = 1e-9
}

/// Scenario totals by group (sector, county or source) and year.
public struct ProjectionBreakdown: Sendable {
    public var grouping: Grouping
    public var keys: [String]
    /// `totals[P][group][yearIndex]`.
    public var totals: [Pollutant: [[Double]]]

    public init(grouping: Grouping, keys: [String], totals: [Pollutant: [[Double]]]) {
        self.grouping = grouping
        self.keys = keys
        self.totals = totals
    }
}
