import Diagnostics

/// The content of a report, independent of its format: numbered sections of paragraphs,
/// tables and charts. `HTMLRenderer`, `MarkdownRenderer` and the CSV writer turn the same
/// document into `index.html`, `report.md` and `data/*.csv`, so the three always agree.
public struct ReportDocument: Sendable {
    public var language: Language
    public var title: String
    /// Lines under the title: region, inventory, date, scenarios.
    public var facts: [String]
    /// A warning shown above everything (demonstration data, an infeasible optimisation).
    public var banner: String?
    public var sections: [ReportSection]

    /// Every table of the document, in order.
    public var tables: [ReportTable] {
        sections.flatMap { $0.blocks.compactMap { if case let .table(t) = $0 { t } else { nil } } }
    }

    /// Every chart of the document, in order.
    public var figures: [ReportFigure] {
        sections.flatMap { $0.blocks.compactMap { if case let .figure(f) = $0 { f } else { nil } } }
    }
}

public struct ReportSection: Sendable {
    /// Anchor in the HTML (`summary`, `carbon-peak`, …).
    public var anchor: String
    public var number: Int
    public var title: String
    public var blocks: [ReportBlock]
}

public enum ReportBlock: Sendable {
    /// A numbered sub-heading inside a section (`5.2 …`).
    case heading(String)
    /// An unnumbered heading below that level.
    case subheading(String)
    case paragraph(String)
    /// The planner's verdict: a highlighted paragraph.
    case verdict(String)
    case bullets([String])
    /// Small print under a table or a chart: definitions, caveats.
    case note(String)
    case table(ReportTable)
    case figure(ReportFigure)
}

/// A table as it is shown, and the same table for Excel (`data/<file>.csv`), where numbers
/// are plain decimals in the units the header names rather than rounded display text.
public struct ReportTable: Sendable {
    public enum Alignment: Sendable { case left, right, center }

    /// File name of the CSV without extension (`summary-targets`), unique in a report.
    public var file: String
    public var caption: String
    public var header: [String]
    public var alignments: [Alignment]
    public var rows: [Row]
    public var csvHeader: [String]
    public var csvRows: [[String]]

    public struct Row: Sendable {
        public var cells: [Cell]
        /// A total line, set off by a rule.
        public var isTotal = false
        /// A further line of the item above (another pollutant of the same measure): no rule.
        public var continues = false
    }

    public struct Cell: Sendable, ExpressibleByStringLiteral {
        public enum Tone: Sendable { case plain, good, bad, muted }
        public var text: String
        public var tone: Tone

        public init(_ text: String, tone: Tone = .plain) {
            self.text = text
            self.tone = tone
        }

        public init(stringLiteral value: String) {
            self.init(value)
        }
    }

    init(
        file: String, caption: String, header: [String], alignments: [Alignment]? = nil, rows: [Row] = [],
        csvHeader: [String], csvRows: [[String]] = []
    ) {
        self.file = file
        self.caption = caption
        self.header = header
        self.alignments = alignments ?? header.indices.map { $0 == 0 ? .left : .right }
        self.rows = rows
        self.csvHeader = csvHeader
        self.csvRows = csvRows
    }

    mutating func add(_ cells: [Cell], csv: [String], total: Bool = false, continues: Bool = false) {
        rows.append(Row(cells: cells, isTotal: total, continues: continues))
        csvRows.append(csv)
    }
}

/// A chart: the standalone SVG written to `charts/<file>.svg` and inlined in the HTML.
public struct ReportFigure: Sendable {
    /// File name without extension, unique in a report.
    public var file: String
    public var caption: String
    public var svg: String
}
