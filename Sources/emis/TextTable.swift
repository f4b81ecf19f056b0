import Foundation
import Diagnostics

/// A plain-text table for the terminal: columns padded by display width (a Chinese
/// character is two columns wide), text left-aligned, numbers right-aligned.
struct TextTable {
    enum Alignment { case left, right }

    var headers: [String]
    var alignments: [Alignment]
    var rows: [[String]] = []
    /// Row indices after which a rule is drawn (e.g. before a total line).
    var rulesBefore: Set<Int> = []

    init(headers: [String], alignments: [Alignment]) {
        self.headers = headers
        self.alignments = alignments
    }

    mutating func add(_ row: [String]) { rows.append(row) }

    mutating func addRule() { rulesBefore.insert(rows.count) }

    func rendered() -> String {
        var widths = headers.map(DisplayWidth.of)
        for row in rows {
            for (k, cell) in row.enumerated() { widths[k] = max(widths[k], DisplayWidth.of(cell)) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { k, cell in
                let pad = String(repeating: " ", count: widths[k] - DisplayWidth.of(cell))
                return alignments[k] == .left ? cell + pad : pad + cell
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
        var out = [line(headers), rule]
        for (k, row) in rows.enumerated() {
            if rulesBefore.contains(k) { out.append(rule) }
            out.append(line(row))
        }
        return out.joined(separator: "\n") + "\n"
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}

/// Numbers as people read them in a table: thousands separated, precision by magnitude.
enum TableNumber {
    /// `40,450,000` · `2,343` · `55.84` · `0.0123`; exactly zero is `-` (nothing emitted).
    static func format(_ value: Double) -> String {
        if value == 0 { return "-" }
        let magnitude = abs(value)
        if magnitude >= 100 {
            return grouped(Int64(value.rounded()))
        }
        let decimals = magnitude >= 1 ? 2 : max(2, 2 - Int(floor(log10(magnitude))))
        return fixed(value, decimals: decimals)
    }

    static func grouped(_ value: Int64) -> String {
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
    static func oneDecimal(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        let tenths = Int64((abs(value) * 10).rounded())
        let text = grouped(tenths / 10) + "." + String(tenths % 10)
        return value < 0 && tenths != 0 ? "-" + text : text
    }

    /// A fraction as a percentage with one decimal: `0.171` → `17.1%`; `signed` puts `+`
    /// before a positive value (a change).
    static func percent(_ fraction: Double, signed: Bool = false) -> String {
        guard fraction.isFinite else { return "–" }
        let text = oneDecimal(fraction * 100) + "%"
        return signed && !text.hasPrefix("-") && text != "0.0%" ? "+" + text : text
    }

    /// `value` with exactly `decimals` digits after the point, trailing zeros removed.
    static func fixed(_ value: Double, decimals: Int) -> String {
        let scale = (0..<decimals).reduce(1.0) { r, _ in r * 10 }
        let scaled = (abs(value) * scale).rounded()
        let integer = Int64(scaled / scale)
        var fraction = String(Int64(scaled) - integer * Int64(scale))
        fraction = String(repeating: "0", count: max(0, decimals - fraction.count)) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let text = fraction.isEmpty ? grouped(integer) : grouped(integer) + "." + fraction
        return value < 0 ? "-" + text : text
    }
}
