import Diagnostics

/// The fixed registry of pollutants (Docs/reference/README.md). Case order is registry order, which is
/// the order of every table and JSON list. Pollutants of different ids are never summed.
public enum Pollutant: String, CaseIterable, Sendable, Hashable, Comparable {
    case so2 = "SO2"
    case nox = "NOx"
    case vocs = "VOCs"
    case pm = "PM"
    case pm10 = "PM10"
    case pm25 = "PM2.5"
    case co = "CO"
    case nh3 = "NH3"
    case cod = "COD"
    case nh3n = "NH3-N"
    case co2 = "CO2"

    public enum Medium: String, Sendable {
        case air, water, climate
    }

    /// The registry id as written in YAML (case-sensitive) and CSV headers.
    public var id: String { rawValue }

    /// Position in the registry: the index of this pollutant's columns.
    @inlinable public var index: Int {
        switch self {
        case .so2: 0
        case .nox: 1
        case .vocs: 2
        case .pm: 3
        case .pm10: 4
        case .pm25: 5
        case .co: 6
        case .nh3: 7
        case .cod: 8
        case .nh3n: 9
        case .co2: 10
        }
    }

    public static func < (lhs: Pollutant, rhs: Pollutant) -> Bool { lhs.index < rhs.index }

    /// Hashed by position, not by the id string (the default for a `String` raw value):
    /// pollutant-keyed dictionaries are looked up in the projection's inner loops.
    @inlinable public func hash(into hasher: inout Hasher) { hasher.combine(index) }

    @inlinable public static func == (lhs: Pollutant, rhs: Pollutant) -> Bool { lhs.index == rhs.index }

    /// The pollutant with this exact id (YAML).
    public init?(id: String) { self.init(rawValue: id) }

    /// The pollutant whose id equals `text` ignoring case (CSV headers).
    public init?(caseInsensitiveID text: String) {
        let lowered = text.lowercased()
        guard let match = Self.allCases.first(where: { $0.rawValue.lowercased() == lowered }) else { return nil }
        self = match
    }

    public var medium: Medium {
        switch self {
        case .cod, .nh3n: .water
        case .co2: .climate
        default: .air
        }
    }

    /// The accounting basis: what the mass is counted as.
    public var basis: LocalizedText? {
        switch self {
        case .so2: LocalizedText(en: "as SO2", zh: "以SO2计")
        case .nox: LocalizedText(en: "as NO2", zh: "以NO2计")
        case .vocs: LocalizedText(en: "total NMVOC", zh: "非甲烷挥发性有机物总量")
        case .pm: LocalizedText(en: "total particulate", zh: "颗粒物总量")
        case .nh3: LocalizedText(en: "ammonia gas", zh: "氨气")
        case .cod: LocalizedText(en: "as O2", zh: "以O2计")
        case .nh3n: LocalizedText(en: "as N", zh: "以N计")
        case .co2: LocalizedText(en: "as CO2", zh: "以CO2计")
        case .pm10, .pm25, .co: nil
        }
    }

    public var name: LocalizedText {
        switch self {
        case .so2: LocalizedText(en: "Sulphur dioxide", zh: "二氧化硫")
        case .nox: LocalizedText(en: "Nitrogen oxides", zh: "氮氧化物")
        case .vocs: LocalizedText(en: "Volatile organic compounds", zh: "挥发性有机物")
        case .pm: LocalizedText(en: "Particulate matter", zh: "颗粒物")
        case .pm10: LocalizedText(en: "PM10", zh: "可吸入颗粒物")
        case .pm25: LocalizedText(en: "PM2.5", zh: "细颗粒物")
        case .co: LocalizedText(en: "Carbon monoxide", zh: "一氧化碳")
        case .nh3: LocalizedText(en: "Ammonia", zh: "氨")
        case .cod: LocalizedText(en: "Chemical oxygen demand", zh: "化学需氧量")
        case .nh3n: LocalizedText(en: "Ammonia nitrogen", zh: "氨氮")
        case .co2: LocalizedText(en: "Carbon dioxide", zh: "二氧化碳")
        }
    }
}
