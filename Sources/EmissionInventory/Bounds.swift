import FileFormats

/// The largest amounts the model takes as real. A number beyond them is a unit or typing
/// mistake (activity in kg where t was meant, a rate of 10 for 10 %); it is an error naming
/// the input that caused it, wherever it is read or produced, so that no table, chart or
/// JSON ever receives it.
public enum Bounds {
    /// Emissions of one pollutant, t/a: of a source, a total, or a measure's effect. 10¹⁵ t/a
    /// is some 25,000 times the world's CO2.
    public static let tonnes = 1e15

    /// Energy use, tce/a (of a source or a total). The world uses about 2 × 10¹⁰ tce/a.
    public static let energy = 1e15

    /// The growth factor g(y) of a driver or a macro series against the base year.
    public static let growth = 1e6

    /// An annualised cost, 元/a.
    public static let money = 1e15

    /// Whether `value` is finite and its magnitude at most `bound`.
    @inlinable
    public static func holds(_ value: Double, _ bound: Double) -> Bool {
        value.isFinite && value.magnitude <= bound
    }

    /// A number for a message about magnitudes: `2.5e+20` beyond 10^15, the shortest
    /// decimal below, `∞` or `NaN` when it is not finite.
    public static func shown(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-∞" : "∞" }
        return value.magnitude >= 1e15 ? "\(value)" : DecimalNumber.format(value)
    }

    /// `10^15`-style text of a bound for messages.
    public static func text(_ bound: Double) -> String {
        "10^\(Int(bound.magnitude.log10Rounded))"
    }
}

extension Double {
    fileprivate var log10Rounded: Double {
        var exponent = 0.0
        var value = self
        while value >= 10 {
            value /= 10
            exponent += 1
        }
        return exponent
    }
}
