/// "Nice" axis ticks (steps of 1, 2 or 5 × 10ⁿ) and compact Chinese number labels.
public enum NiceScale {
    /// Evenly spaced ticks, a multiple of 1, 2 or 5 × 10ⁿ apart, whose first tick is ≤ `min`
    /// and last tick ≥ `max`, using at most `count` intervals (so at most `count + 1` ticks)
    /// with the smallest such step. Zero is a tick whenever it lies in the range.
    ///
    /// `min == max` widens the range to reach 0 (or to [0, 1] when both are 0), so a single
    /// value still gets an axis. Swapped bounds are put in order; non-finite bounds are
    /// ignored (both non-finite gives [0, 1]).
    public static func ticks(min: Double, max: Double, count: Int = 5) -> [Double] {
        var low = min
        var high = max
        switch (low.isFinite, high.isFinite) {
        case (false, false):
            low = 0
            high = 1
        case (false, true): low = high
        case (true, false): high = low
        case (true, true): break
        }
        if low > high { swap(&low, &high) }
        if low == high {
            if low == 0 { high = 1 } else if low > 0 { low = 0 } else { high = 0 }
        }
        let intervals = Swift.min(Swift.max(1, count), 1000)
        guard (high - low).isFinite else { return [low, high] }
        let rough = (high - low) / Double(intervals)
        let start = decimalExponent(of: rough) - 1
        var widest: [Double] = []
        for exponent in start...(start + 4) {
            for mantissa in [1.0, 2.0, 5.0] {
                let step = mantissa * power10(exponent)
                let first = (low / step + 1e-9).rounded(.down)
                let last = (high / step - 1e-9).rounded(.up)
                guard first.isFinite, last.isFinite, last - first <= 1000 else { continue }
                var result: [Double] = []
                var k = first
                while k <= last {
                    result.append(value(k, mantissa, exponent))
                    k += 1
                }
                if last - first <= Double(intervals) { return result }
                if widest.isEmpty || result.count < widest.count { widest = result }
            }
        }
        // Only reached for count 1 with a range that straddles 0: the fewest ticks found
        // (three, with the smallest such step), as one interval cannot hold both signs.
        return widest.isEmpty ? [low, high] : widest
    }

    /// `k × mantissa × 10^exponent`, computed so that decimal ticks come out as the closest
    /// double to the decimal number (0.015, not 0.015000000000000001).
    private static func value(_ k: Double, _ mantissa: Double, _ exponent: Int) -> Double {
        let v = exponent >= 0 ? k * mantissa * power10(exponent) : (k * mantissa) / power10(-exponent)
        return v == 0 ? 0 : v  // no -0
    }

    /// 10ⁿ; exact for |n| ≤ 22.
    static func power10(_ n: Int) -> Double {
        if n < 0 { return 1 / power10(-n) }
        var result = 1.0
        for _ in 0..<Swift.min(n, 400) { result *= 10 }
        return result
    }

    /// ⌊log₁₀ |x|⌋ for finite non-zero x, by repeated scaling (no libm needed); 0 for 0.
    static func decimalExponent(of x: Double) -> Int {
        var a = x.magnitude
        guard a.isFinite, a > 0 else { return 0 }
        var e = 0
        while a >= 10 {
            a /= 10
            e += 1
        }
        while a < 1 {
            a *= 10
            e -= 1
        }
        return e
    }

    // MARK: - Labels

    /// A compact label for one value: thousands separators below 10 万 ("23,831"), then 万
    /// ("23.8万", "4,000万") and 亿 ("1.25亿"), about three significant digits for
    /// fractions ("0.004", "12.3"), "-" for negatives, never "-0".
    public static func label(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        let (divisor, suffix) = unit(for: value.magnitude)
        let scaled = value / divisor
        let decimals: Int
        if isIntegral(scaled) {
            decimals = 0
        } else {
            decimals = Swift.min(Swift.max(2 - decimalExponent(of: scaled), 0), suffix.isEmpty ? 12 : 2)
        }
        return format(scaled, decimals: decimals, suffix: suffix)
    }

    /// Labels for a set of axis ticks with one common unit (万 or 亿, chosen by the largest
    /// magnitude) and one number of decimals (enough to tell the ticks apart), so an axis
    /// never mixes "50,000" with "10万".
    public static func labels(_ values: [Double]) -> [String] {
        let finite = values.filter(\.isFinite)
        guard finite.count > 1 else { return values.map(label) }
        let largest = finite.map(\.magnitude).max() ?? 0
        let (divisor, suffix) = unit(for: largest)
        let scaled = values.map { $0 / divisor }
        let sorted = scaled.filter(\.isFinite).sorted()
        var step = Double.infinity
        for (a, b) in zip(sorted, sorted.dropFirst()) where b - a > 0 { step = Swift.min(step, b - a) }
        var decimals = 0
        if step.isFinite {
            while decimals < 12 {
                let s = step * power10(decimals)
                if (s - s.rounded()).magnitude <= 1e-6 * Swift.max(1, s.magnitude) { break }
                decimals += 1
            }
        }
        while true {
            let result = scaled.map { $0.isFinite ? format($0, decimals: decimals, suffix: suffix) : "–" }
            if decimals >= 12 || Set(result).count == Set(sorted).count { return result }
            decimals += 1
        }
    }

    private static func unit(for magnitude: Double) -> (Double, String) {
        if magnitude >= 1e8 { return (1e8, "亿") }
        if magnitude >= 1e5 { return (1e4, "万") }
        return (1, "")
    }

    private static func isIntegral(_ x: Double) -> Bool {
        (x - x.rounded()).magnitude <= 1e-9 * Swift.max(1, x.magnitude)
    }

    /// Fixed-point text with `decimals` decimals (trailing zeros dropped), thousands
    /// separators in the integer part, and `suffix` unless the value is zero.
    static func format(_ value: Double, decimals: Int, suffix: String) -> String {
        let factor = power10(decimals)
        let scaled = (value * factor).rounded()
        guard scaled.magnitude < 9e15 else { return "\(value)" + suffix }
        let units = Int64(scaled)
        if units == 0 { return "0" }
        let negative = units < 0
        let magnitude = units.magnitude
        let divisor = UInt64(factor)
        let whole = magnitude / divisor
        var fraction = magnitude % divisor
        var text = groupThousands(String(whole))
        if fraction != 0 {
            var digits = decimals
            while fraction % 10 == 0 {
                fraction /= 10
                digits -= 1
            }
            let raw = String(fraction)
            text += "." + String(repeating: "0", count: digits - raw.count) + raw
        }
        return (negative ? "-" : "") + text + suffix
    }

    private static func groupThousands(_ digits: String) -> String {
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return out
    }
}
