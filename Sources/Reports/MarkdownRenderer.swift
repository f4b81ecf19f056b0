import Foundation

/// `report.md`: the same document in Markdown (GitHub-flavoured tables), for pasting into a
/// plan's text. Charts are images linked to `charts/<file>.svg`; a cell's tone is carried
/// by its ✓ / ✗ (Markdown has no colour).
struct MarkdownRenderer {
    let document: ReportDocument

    private var zh: Bool { document.language == .zh }

    func render() -> String {
        var out = "# \(inline(document.title))\n\n"
        for fact in document.facts { out += "- \(inline(fact))\n" }
        out += "\n"
        if let banner = document.banner { out += "> \(inline(banner))\n\n" }
        out += zh ? "## 目录\n\n" : "## Contents\n\n"
        for section in document.sections {
            out += "\(section.number). [\(inline(section.title))](#\(section.anchor))\n"
        }
        out += "\n"
        for section in document.sections {
            out += "<a id=\"\(section.anchor)\"></a>\n\n## \(section.number) \(inline(section.title))\n\n"
            for block in section.blocks { out += render(block) }
        }
        return out
    }

    private func render(_ block: ReportBlock) -> String {
        switch block {
        case let .heading(text): return "### \(inline(text))\n\n"
        case let .subheading(text): return "#### \(inline(text))\n\n"
        case let .paragraph(text): return "\(inline(text))\n\n"
        case let .verdict(text): return "> **\(zh ? "结论：" : "Verdict:")** \(inline(text))\n\n"
        case let .note(text): return "*\(inline(text))*\n\n"
        case let .bullets(items): return items.map { "- \(inline($0))\n" }.joined() + "\n"
        case let .table(table): return render(table)
        case let .figure(figure):
            return "![\(inline(figure.caption))](charts/\(figure.file).svg)\n\n*\(inline(figure.caption))*\n\n"
        }
    }

    private func render(_ table: ReportTable) -> String {
        var out = "**\(inline(table.caption))**\n\n"
        out += "| " + table.header.map(cell).joined(separator: " | ") + " |\n"
        out +=
            "|"
            + table.alignments.map { alignment in
                switch alignment {
                case .left: " --- "
                case .right: " ---: "
                case .center: " :---: "
                }
            }.joined(separator: "|") + "|\n"
        for row in table.rows {
            var cells = row.cells.map { cell($0.text) }
            if row.isTotal { cells = cells.map { $0.isEmpty ? $0 : "**\($0)**" } }
            while cells.count < table.header.count { cells.append("") }
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        return out + "\n(" + (zh ? "数据：" : "Data: ") + "[data/\(table.file).csv](data/\(table.file).csv))\n\n"
    }

    /// Text outside tables: `<` and `>` would start HTML, `*` and `_` at word edges emphasis.
    private func inline(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "*": out += "\\*"
            case "\\": out += "\\\\"
            case "\n": out += " "
            default: out.append(c)
            }
        }
        return out
    }

    /// A table cell: also `|`, and line breaks as `<br>`.
    private func cell(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            inline(String(line)).replacingOccurrences(of: "|", with: "\\|")
        }.joined(separator: "<br>")
    }
}
