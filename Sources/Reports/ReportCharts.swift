import Charts
import Diagnostics

/// What a chart of the report shows, before it is drawn: the sections describe their charts
/// with these, and `svg(_:)` hands them to the `Charts` module.
enum ChartSpec {
    struct Line {
        var title: String
        var yLabel: String
        var series: [(name: String, points: [(x: Double, y: Double)], dashed: Bool)]
        var markers: [(x: Double, y: Double, label: String)] = []
        var horizontalLines: [(y: Double, label: String)] = []
        /// A shaded range under series k (a fan chart's 5–95 %), by x; may be shorter than
        /// `series`.
        var bands: [[(x: Double, low: Double, high: Double)]] = []
    }

    struct Stacked {
        var title: String
        var yLabel: String
        var categories: [String]
        var series: [(name: String, values: [Double])]
        var showNet: Bool
    }

    struct Steps {
        var title: String
        var xLabel: String
        var yLabel: String
        var steps: [(label: String, width: Double, height: Double)]
    }

    struct Tornado {
        var title: String
        var xLabel: String
        var rows: [(label: String, value: Double)]
        var positiveLabel: String
        var negativeLabel: String
    }

    case line(Line)
    case stacked(Stacked)
    case steps(Steps)
    /// Rank correlations, drawn on −1…1.
    case tornado(Tornado)
}

extension ReportBuilder {
    func figure(_ file: String, _ caption: String, _ spec: ChartSpec) -> ReportBlock {
        .figure(ReportFigure(file: file, caption: caption, svg: ChartDrawing(language: language).svg(spec)))
    }
}

/// Draws a `ChartSpec` with the `Charts` module.
struct ChartDrawing {
    let language: Language

    var style: ChartStyle {
        language == .zh
            ? ChartStyle()
            : ChartStyle(noDataText: "no data", allZeroText: "all values are 0")
    }

    func svg(_ spec: ChartSpec) -> String {
        switch spec {
        case let .line(line):
            LineChart(
                title: line.title, xLabel: nil, yLabel: line.yLabel,
                series: line.series.enumerated().map { k, s in
                    LineChart.Series(
                        name: s.name, points: s.points, dashed: s.dashed,
                        band: k < line.bands.count ? line.bands[k] : [])
                },
                markers: line.markers.map { LineChart.Marker(x: $0.x, y: $0.y, label: $0.label) },
                horizontalLines: line.horizontalLines, integerX: true, style: style
            ).svg()
        case let .stacked(chart):
            StackedBarChart(
                title: chart.title, xLabel: nil, yLabel: chart.yLabel, categories: chart.categories,
                series: chart.series, showNet: chart.showNet,
                netLabel: language == .zh ? "合计（净减排量）" : "Net total", style: style
            ).svg()
        case let .tornado(chart):
            TornadoChart(
                title: chart.title, xLabel: chart.xLabel, rows: chart.rows, domain: (-1, 1),
                positiveLabel: chart.positiveLabel, negativeLabel: chart.negativeLabel, decimals: 2, style: style
            ).svg()
        case let .steps(chart):
            StepChart(title: chart.title, xLabel: chart.xLabel, yLabel: chart.yLabel, steps: chart.steps, style: style)
                .svg()
        }
    }
}
