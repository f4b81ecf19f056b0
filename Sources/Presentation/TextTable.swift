import Diagnostics
import Foundation

/// A plain-text table for the terminal: columns padded by display width (a Chinese
/// character is two columns wide), text left-aligned, numbers right-aligned.
public struct TextTable {
    public enum Alignment { case left, right }

    public var headers: [String]
    public var alignments: [Alignment]
    public var rows: [[String]] = []
    /// Row indices after which a rule is drawn (e.g. before a total line).
    public var rulesBefore: Set<Int> = []

    public init(headers: [String], alignments: [Alignment]) {
        self.headers = headers
        self.alignments = alignments
    }

    public mutating func add(_ row: [String]) { rows.append(row) }

    public mutating func addRule() { rulesBefore.insert(rows.count) }

    public func rendered() -> String {
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
    public func trimmingTrailingSpaces() -> String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
