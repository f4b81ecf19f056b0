import Diagnostics
import FileFormats

/// Units of a mass of emissions per year. Internally every emission is in tonnes (t/a).
public enum MassUnit: String, CaseIterable, Sendable {
    case kilogram = "kg"
    case tonne = "t"
    case kilotonne = "kt"
    /// 万吨 = 10^4 t.
    case tenThousandTonnes = "万t"
    case megatonne = "Mt"

    /// Tonnes in one of this unit.
    public var tonnes: Double {
        switch self {
        case .kilogram: 1e-3
        case .tonne: 1
        case .kilotonne: 1e3
        case .tenThousandTonnes: 1e4
        case .megatonne: 1e6
        }
    }

    /// The spellings accepted in files; `万吨` is the same unit as `万t`.
    public static let spellings: [String: MassUnit] = {
        var table = Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) })
        table["万吨"] = .tenThousandTonnes
        return table
    }()

    public init?(symbol: String) {
        guard let unit = Self.spellings[symbol] else { return nil }
        self = unit
    }
}

/// A quantity written in a file: a bare number in a default unit, or `"<number> <unit>"`.
public enum QuantityText {
    public enum Parsed: Equatable, Sendable {
        case value(Double)
        case invalidNumber
        case unknownUnit(String)
    }

    /// Splits `text` into a number and an optional unit and converts it to tonnes (for mass).
    /// A space between number and unit is optional (`3.5万t`, `3.5 万t`).
    public static func parseMass(_ text: String, defaultUnit: MassUnit) -> Parsed {
        let (number, unit) = split(text)
        guard case let .value(value) = DecimalNumber.parse(number) else { return .invalidNumber }
        guard !unit.isEmpty else { return .value(value * defaultUnit.tonnes) }
        guard let parsed = MassUnit(symbol: unit) else { return .unknownUnit(unit) }
        return .value(value * parsed.tonnes)
    }

    /// The leading number and the rest (trimmed) of `text`.
    public static func split(_ text: String) -> (number: String, unit: String) {
        let trimmed = text.trimmingSpaces
        let scalars = Array(trimmed.unicodeScalars)
        var end = 0
        while end < scalars.count {
            let s = scalars[end]
            let isNumeric =
                ("0"..."9").contains(s) || s == "." || s == "-" || s == "+"
                || ((s == "e" || s == "E") && end + 1 < scalars.count
                    && (("0"..."9").contains(scalars[end + 1]) || scalars[end + 1] == "-" || scalars[end + 1] == "+"))
            if !isNumeric { break }
            end += 1
        }
        let number = String(String.UnicodeScalarView(scalars[..<end]))
        let unit = String(String.UnicodeScalarView(scalars[end...])).trimmingSpaces
        return (number, unit)
    }
}
