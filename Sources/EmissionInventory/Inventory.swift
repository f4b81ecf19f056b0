import Diagnostics
import FileFormats

/// A base-year emissions inventory: the description from `inventory.yaml` and the sources.
public struct Inventory: Sendable {
    public var manifest: InventoryManifest
    public var sources: SourceTable
    /// The `inventory.yaml` file this was read from (as the user named it), if any.
    public var manifestPath: String?
    /// The sources table file (as the user would name it), if any.
    public var sourcesPath: String?

    public init(
        manifest: InventoryManifest, sources: SourceTable,
        manifestPath: String? = nil, sourcesPath: String? = nil
    ) {
        self.manifest = manifest
        self.sources = sources
        self.manifestPath = manifestPath
        self.sourcesPath = sourcesPath
    }

    public var baseYear: Int { manifest.baseYear }
}

/// What `inventory.yaml` says (Docs/reference/inventory.md).
public struct InventoryManifest: Sendable, Equatable {
    public var name: String
    public var title: String?
    public var region: String?
    public var baseYear: Int
    /// Path of the sources table relative to `inventory.yaml`.
    public var sourcesFile: String
    /// Unit of the `<P>` columns of the sources table.
    public var emissionUnit: MassUnit
    /// Base-year values of macro series (GDP, population) for intensity metrics.
    public var macro: [String: MacroValue]
    /// Display names of sector paths (`sector_names:`), exactly as written; a path not
    /// listed is shown as its code.
    public var sectorNames: [String: LocalizedText]
    public var provenance: [String]
    /// `uncertainty:` and `correlation:` as written (nil when the file has neither).
    public var uncertaintyNodes: UncertaintyNodes?

    public init(
        name: String, title: String? = nil, region: String? = nil, baseYear: Int,
        sourcesFile: String = "sources.csv", emissionUnit: MassUnit = .tonne,
        macro: [String: MacroValue] = [:], sectorNames: [String: LocalizedText] = [:],
        provenance: [String] = []
    ) {
        self.name = name
        self.title = title
        self.region = region
        self.baseYear = baseYear
        self.sourcesFile = sourcesFile
        self.emissionUnit = emissionUnit
        self.macro = macro
        self.sectorNames = sectorNames
        self.provenance = provenance
    }
}

/// The `uncertainty:` and `correlation:` lists of `inventory.yaml`, parsed as YAML but not
/// read: their selectors and measure ids belong to the scenario layer, which reads them
/// (`UncertaintyReader`) for every scenario on the inventory.
public struct UncertaintyNodes: Sendable, Equatable {
    public let document: YAMLDocument
    public let factors: YAMLNode?
    public let correlations: YAMLNode?

    public init(document: YAMLDocument, factors: YAMLNode?, correlations: YAMLNode?) {
        self.document = document
        self.factors = factors
        self.correlations = correlations
    }

    /// The same lists of the same file.
    public static func == (lhs: UncertaintyNodes, rhs: UncertaintyNodes) -> Bool {
        lhs.document.file == rhs.document.file && lhs.factors?.location == rhs.factors?.location
            && lhs.correlations?.location == rhs.correlations?.location
    }
}

/// A macro quantity in the base year, e.g. GDP 1405 亿元.
public struct MacroValue: Sendable, Equatable {
    public var value: Double
    public var unit: String?

    public init(value: Double, unit: String? = nil) {
        self.value = value
        self.unit = unit
    }
}

/// The sources of an inventory, stored column by column (one array per attribute, not one
/// object per source) so that sweeping millions of sources touches contiguous memory.
///
/// For source s and pollutant P the table holds the three numbers of Docs/reference/inventory.md:
/// base activity `A0[s]`, current removal efficiency `η0[s]` and unabated intensity `k[s]`
/// (t per activity unit). Base-year emissions are `E0 = A0 · k · (1 − η0)` in t/a.
public struct SourceTable: Sendable {
    public internal(set) var ids = StringColumn()
    /// Display names; an empty string when the row had none.
    public internal(set) var names = StringColumn()
    /// Sector paths such as `industry/cement`.
    public internal(set) var sectors = CategoryColumn()
    public internal(set) var counties = CategoryColumn()
    /// Base activity A0 (in the row's activity unit; 1 when not given).
    public internal(set) var activity: [Double] = []
    public internal(set) var activityUnits = CategoryColumn()
    /// Energy use per activity unit, tce; nil when the table has no `energy_tce` column
    /// (0 for rows that leave it empty).
    public internal(set) var energyPerActivity: [Double]?
    /// Whether the row's energy is fossil; nil when the table has no energy column.
    public internal(set) var isFossil: [Bool]?
    /// Per pollutant (by `Pollutant.index`): the intensity and efficiency columns, or nil
    /// when the table has no column for that pollutant.
    public internal(set) var pollutantColumns: [PollutantColumns?] =
        Array(repeating: nil, count: Pollutant.allCases.count)
    /// 1-based line of each source in its file (0 for sources not read from a file).
    public internal(set) var lines: [Int32] = []

    public init() {}

    public var count: Int { activity.count }

    public func columns(for pollutant: Pollutant) -> PollutantColumns? {
        pollutantColumns[pollutant.index]
    }

    /// Pollutants that have columns in the table, in registry order.
    public var pollutants: [Pollutant] {
        Pollutant.allCases.filter { pollutantColumns[$0.index] != nil }
    }

    /// Multiplies the intensity k of `pollutant` of each row in `rows` (ascending, inventory
    /// rows) by `factors[i]`, or by `factors[0]` for all when one factor is given: a draw of an
    /// uncertain emission factor. Nothing happens for a pollutant the table has no column for.
    public mutating func scaleIntensity(of pollutant: Pollutant, rows: [Int32], by factors: [Double]) {
        // The column is taken out while it is scaled, so that it is copied at most once (when
        // shared with the unperturbed table) rather than checked for sharing at every row.
        guard var columns = pollutantColumns[pollutant.index] else { return }
        pollutantColumns[pollutant.index] = nil
        Self.scale(&columns.intensity, rows: rows, by: factors)
        pollutantColumns[pollutant.index] = columns
    }

    /// Multiplies the base activity A0 of each row in `rows` as `scaleIntensity` does.
    public mutating func scaleActivity(rows: [Int32], by factors: [Double]) {
        Self.scale(&activity, rows: rows, by: factors)
    }

    private static func scale(_ values: inout [Double], rows: [Int32], by factors: [Double]) {
        precondition(factors.count == 1 || factors.count == rows.count, "one factor, or one per row")
        // Rows are ascending: the last one bounds them all.
        precondition(rows.last.map { $0 >= 0 && Int($0) < values.count } ?? true, "row out of range")
        precondition(rows.first.map { $0 >= 0 } ?? true, "row out of range")
        values.withUnsafeMutableBufferPointer { v in
            if factors.count == 1 {
                let x = factors[0]
                for row in rows { v[Int(row)] *= x }
            } else {
                for (i, row) in rows.enumerated() { v[Int(row)] *= factors[i] }
            }
        }
    }

    /// Base-year emissions of one source, t/a: `A0 · k · (1 − η0)`.
    public func baseEmission(of pollutant: Pollutant, source: Int) -> Double {
        guard let columns = pollutantColumns[pollutant.index] else { return 0 }
        return activity[source] * columns.intensity[source] * (1 - columns.efficiency[source])
    }
}

/// The two per-source numbers that describe one pollutant of every source.
public struct PollutantColumns: Sendable, Equatable {
    /// Unabated intensity k, t per activity unit (0: the source does not emit this pollutant).
    public internal(set) var intensity: [Double]
    /// Current removal efficiency η0 in [0, 1).
    public internal(set) var efficiency: [Double]

    public init(intensity: [Double], efficiency: [Double]) {
        self.intensity = intensity
        self.efficiency = efficiency
    }
}
