import Foundation

/// `index.html`: the whole report in one file. CSS and the SVG charts are inline; there is
/// no script and no link to anything outside the file, so it opens offline, can be mailed,
/// and prints on A4 (print CSS: page size, page breaks before sections, repeated table
/// headers, colours kept).
struct HTMLRenderer {
    let document: ReportDocument

    private var zh: Bool { document.language == .zh }

    func render() -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="\(zh ? "zh-CN" : "en")">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(document.title))</title>
            <style>
            \(Self.css)
            </style>
            </head>
            <body>
            <header>
            <h1>\(escape(document.title))</h1>

            """
        for fact in document.facts { out += "<p class=\"facts\">\(escape(fact))</p>\n" }
        if let banner = document.banner { out += "<p class=\"banner\">\(escape(banner))</p>\n" }
        out += "<nav class=\"toc\"><h2 class=\"toc-title\">\(zh ? "目录" : "Contents")</h2>\n<ul>\n"
        for section in document.sections {
            out += "<li><a href=\"#\(section.anchor)\">\(section.number) \(escape(section.title))</a>"
            let headings = section.blocks.compactMap { if case let .heading(h) = $0 { h } else { nil } }
            if !headings.isEmpty {
                out += "<span class=\"toc-sub\">" + headings.map(escape).joined(separator: "　·　") + "</span>"
            }
            out += "</li>\n"
        }
        out += "</ul>\n</nav>\n</header>\n<main>\n"
        for section in document.sections {
            out += "<section id=\"\(section.anchor)\">\n<h2>\(section.number) \(escape(section.title))</h2>\n"
            for block in section.blocks { out += render(block) }
            out += "</section>\n"
        }
        out += "</main>\n</body>\n</html>\n"
        return out
    }

    private func render(_ block: ReportBlock) -> String {
        switch block {
        case let .heading(text): return "<h3>\(escape(text))</h3>\n"
        case let .subheading(text): return "<h4>\(escape(text))</h4>\n"
        case let .paragraph(text): return "<p>\(escape(text))</p>\n"
        case let .verdict(text): return "<p class=\"verdict\">\(escape(text))</p>\n"
        case let .note(text): return "<p class=\"note\">\(escape(text))</p>\n"
        case let .bullets(items): return "<ul>\n" + items.map { "<li>\(escape($0))</li>\n" }.joined() + "</ul>\n"
        case let .table(table): return render(table)
        case let .figure(figure):
            return "<figure id=\"figure-\(figure.file)\">\n\(Self.inline(figure.svg, scope: figure.file))\n"
                + "<figcaption>\(escape(figure.caption))</figcaption>\n</figure>\n"
        }
    }

    private func render(_ table: ReportTable) -> String {
        var out =
            "<div class=\"table-wrap\"><table id=\"table-\(table.file)\">\n<caption>\(escape(table.caption))</caption>\n<thead><tr>"
        let columns = columnClasses(table)
        for (k, header) in table.header.enumerated() {
            out += "<th\(columns[k].isEmpty ? "" : " class=\"\(columns[k])\"")>\(escape(header))</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            out += row.isTotal ? "<tr class=\"total\">" : (row.continues ? "<tr class=\"cont\">" : "<tr>")
            for (k, cell) in row.cells.enumerated() {
                var classes: [String] = k < columns.count && !columns[k].isEmpty ? [columns[k]] : []
                switch cell.tone {
                case .good: classes.append("good")
                case .bad: classes.append("bad")
                case .muted: classes.append("muted")
                case .plain: break
                }
                let attribute = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
                out += "<td\(attribute)>\(escape(cell.text).replacingOccurrences(of: "\n", with: "<br>"))</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table></div>\n"
    }

    /// Per column: its alignment, and for text columns how much room they get — a column
    /// of long texts (measure titles) is kept wide so that the numbers beside it do not
    /// squeeze it into a narrow strip; short texts (scenario names) do not wrap.
    private func columnClasses(_ table: ReportTable) -> [String] {
        table.alignments.indices.map { k in
            switch table.alignments[k] {
            case .right: return "num"
            case .center: return "center"
            case .left:
                let longest = table.rows.map { $0.cells.count > k ? $0.cells[k].text.count : 0 }.max() ?? 0
                if longest > 28 { return "wide" }
                if longest > 14 { return "text" }
                return "nowrap"
            }
        }
    }

    func escape(_ text: String) -> String { Self.escape(text) }

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    /// An SVG placed in the page: without its XML declaration, and with its ids (and the
    /// references to them) prefixed by `scope`, so that two charts never share an id.
    static func inline(_ svg: String, scope: String) -> String {
        var text = Substring(svg)
        if text.hasPrefix("<?xml"), let end = text.range(of: "?>") {
            text = text[end.upperBound...].drop { $0 == "\n" || $0 == "\r" }
        }
        var out = String(text)
        guard out.contains(" id=\"") else { return out }
        out = out.replacingOccurrences(of: " id=\"", with: " id=\"\(scope)-")
        out = out.replacingOccurrences(of: "url(#", with: "url(#\(scope)-")
        out = out.replacingOccurrences(of: "href=\"#", with: "href=\"#\(scope)-")
        return out
    }

    static let css = """
        :root { --ink: #1d2127; --muted: #5b6470; --rule: #d5d9de; --head: #f2f4f6; --accent: #0072B2;
                --good-bg: #e2f1e6; --good: #145a32; --bad-bg: #fbe3e1; --bad: #8c1d18; }
        * { box-sizing: border-box; }
        body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
               color: var(--ink); background: #fff; max-width: 1080px; margin: 0 auto; padding: 28px 32px 64px;
               font-size: 15px; line-height: 1.65; }
        h1 { font-size: 26px; line-height: 1.3; margin: 0 0 10px; }
        h2 { font-size: 21px; border-bottom: 2px solid var(--accent); padding-bottom: 4px; margin: 2.2em 0 0.8em; }
        h3 { font-size: 17px; margin: 1.8em 0 0.6em; }
        h4 { font-size: 15px; margin: 1.6em 0 0.4em; color: var(--accent); }
        p { margin: 0.6em 0; }
        .facts { color: var(--muted); margin: 2px 0; }
        .banner { background: #fff3dd; border-left: 4px solid #E69F00; padding: 8px 12px; margin: 14px 0; }
        .verdict { background: #eaf3fa; border-left: 4px solid var(--accent); padding: 12px 16px; font-size: 16px; }
        .note { color: var(--muted); font-size: 13px; }
        nav.toc { border: 1px solid var(--rule); border-radius: 4px; padding: 8px 20px 10px; margin: 18px 0 8px; }
        nav.toc .toc-title { font-size: 16px; border: none; margin: 0.4em 0; padding: 0; }
        nav.toc ul { margin: 0; padding: 0; list-style: none; }
        nav.toc li { margin: 0.3em 0; }
        nav.toc .toc-sub { display: block; padding-left: 1.6em; color: var(--muted); font-size: 13px; }
        nav.toc a { color: var(--accent); text-decoration: none; }
        .table-wrap { overflow-x: auto; margin: 1em 0 0.4em; }
        table { border-collapse: collapse; font-size: 13px; font-variant-numeric: tabular-nums; }
        caption { caption-side: top; text-align: left; font-weight: 600; padding: 0 0 6px; font-size: 14px; }
        th, td { border-top: 1px solid var(--rule); padding: 4px 9px; vertical-align: top; text-align: left; }
        tbody tr:last-child td { border-bottom: 1px solid var(--rule); }
        tr.cont td { border-top: none; padding-top: 0; }
        th { background: var(--head); font-weight: 600; word-break: keep-all; }
        th.text { min-width: 8em; }
        th.wide { min-width: 15em; }
        td.nowrap { white-space: nowrap; }
        th.num, td.num { text-align: right; }
        th.center, td.center { text-align: center; }
        td.num, td.center { white-space: nowrap; }
        td.good { background: var(--good-bg); color: var(--good); }
        td.bad { background: var(--bad-bg); color: var(--bad); }
        td.muted { color: var(--muted); }
        tr.total td { border-top: 1.5px solid #7d858f; font-weight: 600; }
        figure { margin: 1.4em 0; }
        figure svg { display: block; width: 100%; max-width: 780px; height: auto; }
        figcaption { color: var(--muted); font-size: 13px; margin-top: 4px; }
        ul { padding-left: 1.4em; }
        li { margin: 0.2em 0; }
        @page { size: A4; margin: 14mm 12mm 16mm; }
        @media print {
          body { max-width: none; padding: 0; font-size: 10pt; line-height: 1.5; }
          h1 { font-size: 18pt; }
          h2 { font-size: 14pt; break-after: avoid; }
          section > h2 { break-before: page; }
          h3, h4 { break-after: avoid; }
          nav.toc { break-inside: avoid; }
          .table-wrap { overflow: visible; }
          table { font-size: 7.5pt; width: 100%; }
          th, td { padding: 2px 4px; }
          thead { display: table-header-group; }
          tr, figure, .verdict { break-inside: avoid; }
          caption { break-after: avoid; }
          figure svg { max-width: 100%; }
          td.good, td.bad, th, .verdict, .banner { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          a { color: inherit; text-decoration: none; }
        }
        """
}
