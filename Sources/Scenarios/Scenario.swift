import Diagnostics
import EmissionInventory
import Foundation

/// A scenario after inheritance and imports are resolved (Docs/reference/scenario.md): everything the
/// engine needs, with the file position of each element for later diagnostics.
public struct Scenario: Sendable {
    /// The `scenario:` id, or the file name without `.yaml`.
    public var id: String
    public var title: String?
    /// The scenario file as the user named it.
    public var file: String
    /// The inventory's `inventory.yaml` (or folder), resolved against the file that named it.
    public var inventoryPath: String
    /// Inclusive range of projected years; the first is the inventory's base year.
    public var years: ClosedRange<Int>
    /// In resolved order: parents' first, then imports', then this file's own.
    public var drivers: [Driver]
    /// In resolved order (Docs/reference/scenario.md "Inheritance").
    public var measures: [Measure]
    public var targets: [Target]
    public var economics: Economics
    /// Every file read to build this scenario (itself, parents, imports, target files), in
    /// the order read, for provenance.
    public var files: [String]
    /// Uncertain factors (`uncertainty:`) and their correlations, parents' first; those of
    /// the inventory are added when the scenario is prepared on it.
    public var uncertainty: UncertaintySpec

    public init(
        id: String, title: String? = nil, file: String, inventoryPath: String,
        years: ClosedRange<Int>, drivers: [Driver] = [], measures: [Measure] = [],
        targets: [Target] = [], economics: Economics = Economics(), files: [String] = [],
        uncertainty: UncertaintySpec = UncertaintySpec()
    ) {
        self.uncertainty = uncertainty
        self.id = id
        self.title = title
        self.file = file
        self.inventoryPath = inventoryPath
        self.years = years
        self.drivers = drivers
        self.measures = measures
        self.targets = targets
        self.economics = economics
        self.files = files
    }
}

/// `select:` (Docs/reference/scenario.md): keys are combined with AND, list values with OR.
public struct Selector: Sendable, Equatable {
    /// A source matches when its sector equals one of these or starts with it and `/`.
    public var sectors: [String]?
    /// Exact county names.
    public var counties: [String]?
    /// Exact source ids (an unknown id is an error).
    public var ids: [String]?
    public var location: SourceLocation?
    /// Where each value is written, keyed `sector=…`, `county=…`, `ids=…` (for messages
    /// that point at the value, not the mapping).
    public var valueLocations: [String: SourceLocation] = [:]

    /// Where `value` of `key` (`sector`, `county`, `ids`) is written, else the mapping's place.
    public func location(of value: String, in key: String) -> SourceLocation? {
        valueLocations["\(key)=\(value)"] ?? location
    }

    public init(
        sectors: [String]? = nil, counties: [String]? = nil, ids: [String]? = nil,
        location: SourceLocation? = nil
    ) {
        self.sectors = sectors
        self.counties = counties
        self.ids = ids
        self.location = location
    }

    public static func == (lhs: Selector, rhs: Selector) -> Bool {
        lhs.sectors == rhs.sectors && lhs.counties == rhs.counties && lhs.ids == rhs.ids
    }

    /// Whether a source with this sector path and county matches the sector and county
    /// parts (ids are matched by the caller, which knows the source's id).
    public func matches(sector: String, county: String?) -> Bool {
        if let sectors, !sectors.contains(where: { sector == $0 || sector.hasPrefix($0 + "/") }) {
            return false
        }
        if let counties {
            guard let county, counties.contains(county) else { return false }
        }
        return true
    }
}

/// Growth over time (Docs/reference/scenario.md).
public enum Growth: Sendable, Equatable {
    /// Compound annual change: `g(y) = (1 + r)^(y − base)`.
    case rate(Double)
    /// Points `(year, value)`, sorted by year; linear between them, flat outside, divided
    /// by the value at the base year when the base year is listed.
    case index([YearValue])

    public struct YearValue: Sendable, Equatable {
        public var year: Int
        public var value: Double
        public init(year: Int, value: Double) {
            self.year = year
            self.value = value
        }
    }

    /// The growth factor in `year` relative to `baseYear`.
    public func factor(year: Int, baseYear: Int) -> Double {
        switch self {
        case let .rate(r):
            return pow(1 + r, Double(year - baseYear))
        case let .index(points):
            guard let first = points.first, let last = points.last else { return 1 }
            func value(at y: Int) -> Double {
                if y <= first.year { return first.value }
                if y >= last.year { return last.value }
                let upper = points.firstIndex { $0.year >= y }!
                let (p0, p1) = (points[upper - 1], points[upper])
                if p1.year == y { return p1.value }
                let t = Double(y - p0.year) / Double(p1.year - p0.year)
                return p0.value + t * (p1.value - p0.value)
            }
            let divisor = points.first { $0.year == baseYear }?.value ?? 1
            return value(at: year) / divisor
        }
    }
}

/// A driver: growth applied to the sources a selector matches, or to a macro series.
public struct Driver: Sendable {
    public enum Subject: Sendable, Equatable {
        case sources(Selector)
        /// A macro series of the inventory (`gdp`, `population`).
        case macro(String)
    }

    public var subject: Subject
    public var growth: Growth
    public var title: String?
    public var location: SourceLocation?

    public init(subject: Subject, growth: Growth, title: String? = nil, location: SourceLocation? = nil) {
        self.subject = subject
        self.growth = growth
        self.title = title
        self.location = location
    }
}

/// A source row written in a scenario: the target of `add`, or an inline `to` of
/// `substitute` (Docs/reference/measures.md), with the same columns as the inventory's sources table.
public struct SourceRow: Sendable, Equatable {
    public var id: String
    public var name: String?
    public var sector: String
    public var county: String?
    /// Activity at full phase-in (`add`); inline substitution targets start at 0.
    public var activity: Double
    public var activityUnit: String?
    public var energyPerActivity: Double?
    public var isFossil: Bool?
    /// Per pollutant: unabated intensity k (t per activity unit) and efficiency η0, derived
    /// from `<P>.ef`/`<P>.eff` (or from `<P>` emissions and `activity`) as in Docs/reference/inventory.md.
    public var pollutants: [Pollutant: (intensity: Double, efficiency: Double)]
    /// Pollutants whose `<P>` was written as a bare number: like a `sources.csv` cell it is in
    /// the inventory's `emission_unit`, which the reader does not know; their k was derived
    /// as if it were t and is scaled by `inInventoryUnit`.
    public var bareEmissions: Set<Pollutant> = []
    public var location: SourceLocation?

    /// The row with bare `<P>` numbers read in the inventory's emission unit.
    public func inInventoryUnit(_ unit: MassUnit) -> SourceRow {
        var row = self
        for p in bareEmissions {
            if let (k, eta) = row.pollutants[p] { row.pollutants[p] = (k * unit.tonnes, eta) }
        }
        row.bareEmissions = []
        return row
    }

    public init(
        id: String, name: String? = nil, sector: String, county: String? = nil, activity: Double = 0,
        activityUnit: String? = nil, energyPerActivity: Double? = nil, isFossil: Bool? = nil,
        pollutants: [Pollutant: (intensity: Double, efficiency: Double)] = [:], location: SourceLocation? = nil
    ) {
        self.id = id
        self.name = name
        self.sector = sector
        self.county = county
        self.activity = activity
        self.activityUnit = activityUnit
        self.energyPerActivity = energyPerActivity
        self.isFossil = isFossil
        self.pollutants = pollutants
        self.location = location
    }

    public static func == (lhs: SourceRow, rhs: SourceRow) -> Bool {
        lhs.id == rhs.id && lhs.sector == rhs.sector && lhs.county == rhs.county && lhs.activity == rhs.activity
            && lhs.pollutants.mapValues { [$0.intensity, $0.efficiency] }
                == rhs.pollutants.mapValues { [$0.intensity, $0.efficiency] }
    }
}

/// A measure (Docs/reference/measures.md).
public struct Measure: Sendable {
    public enum Kind: Sendable {
        /// `A ← A · (1 − φ(1 − f))`, f ≥ 0.
        case scale(factor: Double)
        /// Moves activity from the selection to `to`, `ratio` target units per source unit.
        case substitute(to: SubstitutionTarget, quantity: SubstitutionQuantity, ratio: Double)
        /// `efficiency`: replacement (`a ← a − φ·c·max(0, η_new − (1 − a))`);
        /// `additional`: add-on (`a ← a · (1 − φ·c·δ)`); `coverage` c.
        case retrofit(efficiency: [Pollutant: Double], additional: [Pollutant: Double], coverage: Double)
        /// A named project's stated cut, t/a per pollutant.
        case reduction(amount: [Pollutant: Double])
        /// A ceiling on the selection's total, t/a per pollutant.
        case cap(limit: [Pollutant: Double])
        /// A new source whose activity is `φ · activity`.
        case add(source: SourceRow)

        /// The YAML spelling of the kind.
        public var name: String {
            switch self {
            case .scale: "scale"
            case .substitute: "substitute"
            case .retrofit: "retrofit"
            case .reduction: "reduction"
            case .cap: "cap"
            case .add: "add"
            }
        }
    }

    public enum SubstitutionTarget: Sendable {
        /// An existing source (of the inventory, or defined by an earlier measure).
        case existing(id: String)
        /// A source defined here; created with zero activity the first time it is named.
        case inline(SourceRow)

        public var id: String {
            switch self {
            case let .existing(id): id
            case let .inline(row): row.id
            }
        }
    }

    public enum SubstitutionQuantity: Sendable, Equatable {
        /// A fraction of each selected source's activity.
        case share(Double)
        /// A total amount of activity (in the selection's unit), taken pro rata.
        case amount(Double)
    }

    public var id: String
    public var title: String?
    public var kind: Kind
    /// Nil only for `add`, which needs no selection.
    public var select: Selector?
    /// First year with an effect; full effect from `full` (Docs/reference/measures.md phase-in).
    public var start: Int
    public var full: Int
    /// A free tag, e.g. one of the ten actions of the national carbon-peak plan.
    public var category: String?
    public var note: String?
    public var cost: Cost?
    /// A choice for the optimiser rather than a commitment: left out of projections unless
    /// a level is given.
    public var isCandidate: Bool
    public var location: SourceLocation?

    public init(
        id: String, title: String? = nil, kind: Kind, select: Selector?, start: Int, full: Int,
        category: String? = nil, note: String? = nil, cost: Cost? = nil, isCandidate: Bool = false,
        location: SourceLocation? = nil
    ) {
        self.id = id
        self.title = title
        self.kind = kind
        self.select = select
        self.start = start
        self.full = full
        self.category = category
        self.note = note
        self.cost = cost
        self.isCandidate = isCandidate
        self.location = location
    }

    /// Phase-in φ(y): 0 before `start`, `(y − start + 1) / (full − start + 1)` from `start`
    /// to `full`, 1 after.
    public func phase(_ year: Int) -> Double {
        if year < start { return 0 }
        if year >= full { return 1 }
        return Double(year - start + 1) / Double(full - start + 1)
    }
}

/// `cost:` of a measure (Docs/reference/costs.md), money in 元.
public struct Cost: Sendable, Equatable {
    /// Investment, 元.
    public var capital: Double
    /// Operation and maintenance per year, 元/a.
    public var operation: Double
    /// Economic lifetime, years (> 0).
    public var lifetime: Double

    public init(capital: Double, operation: Double, lifetime: Double) {
        self.capital = capital
        self.operation = operation
        self.lifetime = lifetime
    }

    /// Capital recovery factor `CRF = i / (1 − (1 + i)^−n)` for discount rate i ≥ 0 and
    /// lifetime n > 0 years (`1/n` when i = 0): the share of an investment to pay each year
    /// so that n equal payments repay it with interest. Computed as
    /// `i / −expm1(−n · log1p(i))`, which keeps its precision for tiny rates (where
    /// `1 + i` rounds to 1 and the textbook form gives 0/0) and tends to 1/n as i → 0.
    public static func capitalRecoveryFactor(rate i: Double, lifetime n: Double) -> Double {
        i == 0 ? 1 / n : i / -expm1(-n * log1p(i))
    }

    /// Annualised cost, 元/a: `capital · CRF + om` (Docs/reference/costs.md).
    public func annualized(discountRate: Double) -> Double {
        capital * Self.capitalRecoveryFactor(rate: discountRate, lifetime: lifetime) + operation
    }
}

public struct Economics: Sendable, Equatable {
    /// Discount rate i for the capital recovery factor, in [0, 1).
    public var discountRate: Double

    public init(discountRate: Double = 0.05) {
        self.discountRate = discountRate
    }
}

/// A target (Docs/reference/targets.md).
public struct Target: Sendable {
    public enum Metric: Sendable, Equatable {
        case pollutant(Pollutant)
        /// Energy use, tce (from the sources' `energy_tce`).
        case energy
    }

    public enum Kind: Sendable, Equatable {
        /// Fractional reduction of the total against the base-year total (before measures).
        case reduction(Double)
        /// Absolute ceiling, t.
        case cap(Double)
        /// 重点工程减排量: baseline total minus scenario total, at least this many t.
        case projectReduction(Double)
        /// Fractional reduction of total per unit of a macro series (`per: gdp`).
        case intensity(per: String, reduction: Double)

        public var name: String {
            switch self {
            case .reduction: "reduction"
            case .cap: "cap"
            case .projectReduction: "project_reduction"
            case .intensity: "intensity"
            }
        }
    }

    public var id: String
    public var title: String?
    public var metric: Metric
    public var year: Int
    public var kind: Kind
    public var select: Selector?
    /// Where the target comes from (a plan section, a national document).
    public var note: String?
    public var location: SourceLocation?

    public init(
        id: String, title: String? = nil, metric: Metric, year: Int, kind: Kind, select: Selector? = nil,
        note: String? = nil, location: SourceLocation? = nil
    ) {
        self.id = id
        self.title = title
        self.metric = metric
        self.year = year
        self.kind = kind
        self.select = select
        self.note = note
        self.location = location
    }
}
