import Diagnostics
import EmissionInventory
import FileFormats
import Foundation
import ScenarioEngine

/// Numbers as people read them in a table: thousands separated, precision by magnitude.
public enum TableNumber {
    /// `40,450,000` · `2,343` · `55.84` · `0.0123`; exactly zero is `-` (nothing emitted).
    /// Never traps: a value that is not finite is `–`, one beyond 10^15 is written in
    /// exponent form (such values are refused on input; this is the last line of defence).
    public static func format(_ value: Double) -> String {
        if value == 0 { return "-" }
        guard value.isFinite else { return "–" }
        let magnitude = abs(value)
        if magnitude >= 1e15 { return "\(value)" }
        if magnitude >= 100 {
            return grouped(Int64(value.rounded()))
        }
        let decimals = magnitude >= 1 ? 2 : max(2, 2 - Int(floor(log10(magnitude))))
        return fixed(value, decimals: decimals)
    }

    public static func grouped(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (k, c) in digits.enumerated() {
            if k > 0 && (digits.count - k) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return value < 0 ? "-" + out : out
    }

    /// `value` with exactly one digit after the point, thousands separated, never `-0.0`:
    /// `17.1`, `16.0`, `-1.2`, `1,234.5`. For percentages and percentage points. A value
    /// that is not finite (an intensity over a zero GDP) is `–`.
    public static func oneDecimal(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        guard abs(value) < 1e15 else { return "\(value)" }
        let tenths = Int64((abs(value) * 10).rounded())
        let text = grouped(tenths / 10) + "." + String(tenths % 10)
        return value < 0 && tenths != 0 ? "-" + text : text
    }

    /// A fraction as a percentage with one decimal: `0.171` → `17.1%`; `signed` puts `+`
    /// before a positive value (a change).
    public static func percent(_ fraction: Double, signed: Bool = false) -> String {
        guard fraction.isFinite else { return "–" }
        let text = oneDecimal(fraction * 100) + "%"
        return signed && !text.hasPrefix("-") && text != "0.0%" ? "+" + text : text
    }

    /// `value` with exactly `decimals` digits after the point, trailing zeros removed unless
    /// `trailingZeros` (`0.90`, for a column of correlations). A value that rounds to zero
    /// has no minus sign.
    public static func fixed(_ value: Double, decimals: Int, trailingZeros: Bool = false) -> String {
        let scale = (0..<decimals).reduce(1.0) { r, _ in r * 10 }
        let scaled = (abs(value) * scale).rounded()
        guard value.isFinite, scaled < 9e15 else { return value.isFinite ? "\(value)" : "–" }
        let integer = Int64(scaled / scale)
        var fraction = String(Int64(scaled) - integer * Int64(scale))
        fraction = String(repeating: "0", count: max(0, decimals - fraction.count)) + fraction
        if !trailingZeros { while fraction.hasSuffix("0") { fraction.removeLast() } }
        let text = fraction.isEmpty ? grouped(integer) : grouped(integer) + "." + fraction
        return value < 0 && scaled > 0 ? "-" + text : text
    }
}

/// Wording shared by the projection, comparison and check views: pollutant labels, changes,
/// and targets (Docs/reference/targets.md) — fractions as percentages with one decimal, amounts in t (tce
/// for energy) with thousands separators, margins signed in percentage points or amounts.
public struct ProjectionText {
    public let language: Language

    public init(language: Language) {
        self.language = language
    }
    private var zh: Bool { language == .zh }

    /// `二氧化硫 SO2`, `Sulphur dioxide (SO2)`; the id alone when the name is the id.
    public func label(_ p: Pollutant) -> String {
        let name = p.name(language)
        if name == p.id { return name }
        return zh ? "\(name) \(p.id)" : "\(name) (\(p.id))"
    }

    /// `value` against `base` as a signed percentage (`-18.3%`), or "–" without a base.
    public func change(from base: Double?, to value: Double?) -> String {
        guard let base, let value, base != 0 else { return "–" }
        return TableNumber.percent(value / base - 1, signed: true)
    }

    /// What the target is about: the pollutant id, or energy.
    public func subject(_ t: TargetResult) -> String {
        switch t.metric {
        case let .pollutant(p): p.id
        case .energy: zh ? "能源" : "Energy"
        }
    }

    /// `削减 ≥ 16.0%`, `排放量 ≤ 23,490 吨`, `reduction per unit of GDP ≥ 18.0%`, …
    public func requirement(_ t: TargetResult) -> String {
        let energy = t.metric == .energy
        let required = value(t, t.required)
        switch (t.kind, language) {
        case (.reduction, .zh): return (energy ? "消费量下降" : "削减") + " ≥ \(required)"
        case (.reduction, .en): return "reduction ≥ \(required)"
        case let (.intensity(per, _), .zh):
            let what = energy ? "能耗" : "排放强度"
            let subject =
                switch per {
                case "gdp": "单位GDP\(what)"
                case "population": energy ? "人均能耗" : "人均排放量"
                default: "单位\(per)\(what)"
                }
            return "\(subject)下降 ≥ \(required)"
        case let (.intensity(per, _), .en):
            let subject =
                switch per {
                case "gdp": " per unit of GDP"
                case "population": " per capita"
                default: " per unit of \(per)"
                }
            return "reduction\(subject) ≥ \(required)"
        case (.cap, .zh): return (energy ? "消费量" : "排放量") + " ≤ \(required)"
        case (.cap, .en): return (energy ? "use" : "emissions") + " ≤ \(required)"
        case (.projectReduction, .zh): return (energy ? "重点工程节能量" : "重点工程减排量") + " ≥ \(required)"
        case (.projectReduction, .en): return (energy ? "project savings" : "project reductions") + " ≥ \(required)"
        }
    }

    /// A required or projected value: `17.1%` for a fraction, `23,490 吨` / `23,490 t` for
    /// an amount (`吨标煤` / `tce` for energy).
    public func value(_ t: TargetResult, _ x: Double) -> String {
        t.isFraction ? TableNumber.percent(x) : amount(x) + unit(t)
    }

    /// The margin, signed (`+` when met, `-` when missed): `+1.1 个百分点` / `+1.1 pp`,
    /// `+1,390 吨` / `+1,390 t`.
    public func margin(_ t: TargetResult) -> String {
        let sign = t.met ? "+" : "-"
        if t.isFraction { return sign + TableNumber.oneDecimal(abs(t.margin) * 100) + (zh ? " 个百分点" : " pp") }
        return sign + amount(abs(t.margin)) + unit(t)
    }

    /// A margin of the target's quantity other than its own (a percentile of the draws),
    /// signed as `margin` is.
    public func margin(_ t: TargetResult, _ m: Double) -> String {
        let sign = m >= 0 ? "+" : "-"
        if t.isFraction { return sign + TableNumber.oneDecimal(abs(m) * 100) + (zh ? " 个百分点" : " pp") }
        return sign + amount(abs(m)) + unit(t)
    }

    public func status(_ met: Bool) -> String {
        switch (met, language) {
        case (true, .zh): "✓ 达标"
        case (false, .zh): "✗ 未达标"
        case (true, .en): "✓ met"
        case (false, .en): "✗ missed"
        }
    }

    private func unit(_ t: TargetResult) -> String {
        switch (t.metric, language) {
        case (.energy, .zh): " 吨标煤"
        case (.energy, .en): " tce"
        case (.pollutant, .zh): " 吨"
        case (.pollutant, .en): " t"
        }
    }

    /// Tonnes as in the tables, but zero as `0` rather than `-`.
    private func amount(_ x: Double) -> String { x == 0 ? "0" : TableNumber.format(x) }
}
