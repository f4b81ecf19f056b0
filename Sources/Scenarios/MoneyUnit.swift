import EmissionInventory
import FileFormats

/// Units of money in scenario files (Docs/reference/costs.md). Internally every amount is in 元.
public enum MoneyUnit: String, CaseIterable, Sendable {
    case yuan = "元"
    /// 万元 = 10^4 元.
    case tenThousandYuan = "万元"
    /// 亿元 = 10^8 元.
    case hundredMillionYuan = "亿元"

    /// 元 in one of this unit.
    public var yuan: Double {
        switch self {
        case .yuan: 1
        case .tenThousandYuan: 1e4
        case .hundredMillionYuan: 1e8
        }
    }

    public init?(symbol: String) {
        self.init(rawValue: symbol)
    }

    /// Reads a bare number (in 元) or `"<number> <unit>"` (`3.53 亿元`, `3.53亿元`) and
    /// converts it to 元. The sign is not checked here.
    public static func parse(_ text: String) -> QuantityText.Parsed {
        let (number, unit) = QuantityText.split(text)
        guard case let .value(value) = DecimalNumber.parse(number) else { return .invalidNumber }
        guard !unit.isEmpty else { return .value(value) }
        guard let parsed = MoneyUnit(symbol: unit) else { return .unknownUnit(unit) }
        return .value(value * parsed.yuan)
    }
}
