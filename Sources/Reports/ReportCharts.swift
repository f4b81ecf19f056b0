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

    case line(Line)
    case stacked(Stacked)
    case steps(Steps)
}

extension ReportBuilder {
    func figure(_ file: String, _ caption: String, _ spec: ChartSpec) -> ReportBlock {
        .figure(ReportFigure(file: file, caption: caption, svg: ChartDrawing(language: language).svg(spec)))
    }
}

/// Draws a `ChartSpec` with the `Charts` module.
struct ChartDrawing {
    let language: Language

    func svg(_ spec: ChartSpec) -> String {
        // Drawn by the Charts module once it is merged.
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"720\" height=\"60\" viewBox=\"0 0 720 60\"></svg>"
    }
}
