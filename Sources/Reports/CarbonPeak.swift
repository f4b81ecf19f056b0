/// When a CO2 trajectory peaks (碳达峰), read from the projected years only: nothing is
/// known before the base year or after the last year.
///
/// The peak is the highest value (the earliest, if several are equal). The trajectory
/// - has **not peaked** when the highest value is in the last year and above the base year;
/// - has **peaked** when the highest value is earlier and the last year does not rise;
/// - **rebounds** when the highest value is earlier but the last year rises again (the peak
///   is then not secure: at the end slope it would pass the peak some day);
/// - is **flat** when every year equals the base year.
public struct PeakAnalysis: Sendable, Equatable {
    public enum Status: Sendable, Equatable {
        case notPeaked, peaked, rebounding, flat
        /// Every value is zero: no CO2 in the scenario.
        case noEmissions
    }

    public var status: Status
    public var peakYear: Int
    public var peakValue: Double
    /// After the peak: the lowest value and its year (for a rebound, where it turned).
    public var lowYear: Int
    public var lowValue: Double
    public var lastYear: Int
    public var lastValue: Double
    /// Change of the last year against the year before, t/a per year (0 with one year).
    public var endSlope: Double
    /// `endSlope` as a fraction of the year before (0 when that is zero).
    public var endRate: Double

    /// Nil when there are no years. `values` is aligned with `years` (ascending).
    public init?(years: [Int], values: [Double]) {
        guard let first = years.first, let last = years.last, values.count == years.count else { return nil }
        var peak = 0
        for k in values.indices where values[k] > values[peak] { peak = k }
        var low = peak
        for k in values.indices where k > peak && values[k] < values[low] { low = k }
        peakYear = years[peak]
        peakValue = values[peak]
        lowYear = years[low]
        lowValue = values[low]
        lastYear = last
        lastValue = values[values.count - 1]
        if values.count >= 2 {
            let previous = values[values.count - 2]
            endSlope = lastValue - previous
            endRate = previous != 0 ? endSlope / previous : 0
        } else {
            endSlope = 0
            endRate = 0
        }
        if values.allSatisfy({ $0 == 0 }) {
            status = .noEmissions
        } else if values.allSatisfy({ $0 == values[0] }) {
            status = .flat
        } else if peakYear == last && last != first {
            status = .notPeaked
        } else if endSlope > 0 {
            status = .rebounding
        } else {
            status = .peaked
        }
    }
}
