/// One entry of a legend or of the numbered key under a step chart.
struct LegendItem {
    enum Swatch {
        case line(color: String, dash: String?)
        case box(color: String)
        case diamond
    }

    var swatch: Swatch
    var name: String
}

/// Legend entries placed in rows below the plot. One row flows left to right; when more
/// rows are needed the entries go into a grid of equal columns, which reads better than a
/// ragged flow. Long names are truncated with "…" and keep the full name as a tooltip.
struct LegendLayout {
    struct Placed {
        var item: Int
        var x: Double
        var row: Int
        var text: String
        var truncated: Bool
    }

    var placed: [Placed] = []
    var rows = 0
    var rowHeight: Double
    var fontSize: Double

    static let gapAbove = 10.0

    var height: Double { rows == 0 ? 0 : Double(rows) * rowHeight + Self.gapAbove }

    static func swatchWidth(_ swatch: LegendItem.Swatch, fontSize: Double) -> Double {
        switch swatch {
        case .line: return fontSize * 2
        case .box, .diamond: return fontSize
        }
    }

    init(items: [LegendItem], width: Double, fontSize fs: Double) {
        rowHeight = fs * 1.65
        fontSize = fs
        guard !items.isEmpty else { return }
        let gap = fs * 0.45  // swatch to text
        let spacing = fs * 1.5  // between entries
        let nameLimit = Swift.min(fs * 16, width * 0.9)
        var names: [(String, Bool)] = []
        var entryWidths: [Double] = []
        for item in items {
            let limit = Swift.max(
                fs * 2, Swift.min(nameLimit, width - Self.swatchWidth(item.swatch, fontSize: fs) - gap))
            let shown = TextMetrics.truncate(item.name, maxWidth: limit, fontSize: fs)
            names.append((shown, shown != item.name))
            entryWidths.append(
                Self.swatchWidth(item.swatch, fontSize: fs) + gap + TextMetrics.width(shown, fontSize: fs))
        }
        let flowWidth = entryWidths.reduce(0, +) + spacing * Double(items.count - 1)
        if flowWidth <= width {
            var x = 0.0
            for (i, w) in entryWidths.enumerated() {
                placed.append(Placed(item: i, x: x, row: 0, text: names[i].0, truncated: names[i].1))
                x += w + spacing
            }
            rows = 1
            return
        }
        let column = Swift.min(entryWidths.max() ?? 0, width)
        let columns = Swift.max(1, Int((width + spacing) / (column + spacing)))
        let pitch = columns == 1 ? 0 : (width + spacing) / Double(columns)
        let textLimit = (columns == 1 ? width : pitch - spacing)
        for (i, item) in items.enumerated() {
            var text = names[i].0
            var truncated = names[i].1
            let limit = textLimit - Self.swatchWidth(item.swatch, fontSize: fs) - gap
            if TextMetrics.width(text, fontSize: fs) > limit {
                text = TextMetrics.truncate(item.name, maxWidth: limit, fontSize: fs)
                truncated = true
            }
            placed.append(
                Placed(item: i, x: Double(i % columns) * pitch, row: i / columns, text: text, truncated: truncated))
        }
        rows = (items.count + columns - 1) / columns
    }
}

/// The page furniture shared by all charts: title, unit line, plot rectangle, the band for
/// x tick labels, the x-axis title and the legend, stacked top to bottom so that nothing
/// overlaps. The plot keeps a minimum height; a long legend makes the chart taller instead.
struct Frame {
    static let pad = 16.0

    var width: Double
    var height: Double
    var fontSize: Double
    var titleSize: Double
    var fontFamily: String
    var title: String
    var titleLines: [(text: String, baseline: Double)] = []
    var yLabel: (text: String, baseline: Double)?
    var plotLeft = 0.0, plotTop = 0.0, plotRight = 0.0, plotBottom = 0.0
    var xLabel: (text: String, baseline: Double)?
    var legendItems: [LegendItem]
    var legend: LegendLayout
    var legendTop = 0.0

    var plotWidth: Double { plotRight - plotLeft }
    var plotHeight: Double { plotBottom - plotTop }

    /// Width, height and font size made safe: finite, not absurdly small.
    static func sanitized(_ style: ChartStyle) -> (width: Double, height: Double, fontSize: Double) {
        let width = style.width.isFinite ? Swift.min(Swift.max(style.width, 240), 10_000) : 720
        let height = style.height.isFinite ? Swift.min(Swift.max(style.height, 180), 10_000) : 400
        let fontSize = style.fontSize.isFinite ? Swift.min(Swift.max(style.fontSize, 9), 48) : 12
        return (width, height, fontSize)
    }

    /// A rough y-tick count for the style, before the exact plot height is known.
    static func yTickCount(_ style: ChartStyle) -> Int {
        let s = sanitized(style)
        return Swift.min(8, Swift.max(2, Int(s.height * 0.55 / (s.fontSize * 2.8))))
    }

    /// - Parameters:
    ///   - yTickLabels: decides the width of the left margin.
    ///   - rightMargin: room right of the plot (half the last x label, say).
    ///   - bottomBand: height needed under the plot for x tick labels, given the plot width.
    ///   - leftOverhang: how far x tick labels reach left of the plot, given the plot width
    ///     (rotated category labels); the plot moves right to make room.
    init(
        style: ChartStyle, title: String, yLabel: String?, xLabel: String?, yTickLabels: [String],
        legend items: [LegendItem], rightMargin: Double? = nil, bottomBand: (Double) -> Double,
        leftOverhang: ((Double) -> Double)? = nil
    ) {
        let s = Frame.sanitized(style)
        let pad = Frame.pad
        width = s.width
        height = s.height
        fontSize = s.fontSize
        titleSize = (s.fontSize * 1.35).rounded()
        fontFamily = style.fontFamily
        self.title = title
        legendItems = items
        let fs = s.fontSize
        let inner = width - 2 * pad

        var y = pad
        for line in TextMetrics.wrap(title, maxWidth: inner, fontSize: titleSize, maxLines: 2) {
            titleLines.append((line, y + titleSize * 0.92))
            y += titleSize * 1.3
        }
        if let text = yLabel, !text.isEmpty {
            y += fs * 0.35
            self.yLabel = (TextMetrics.truncate(text, maxWidth: inner, fontSize: fs), y + fs * 0.9)
            y += fs * 1.3
        }
        plotTop = y + fs * 0.9

        let tickWidth = yTickLabels.map { TextMetrics.width($0, fontSize: fs) }.max() ?? 0
        plotLeft = pad + Swift.max(tickWidth + fs * 0.6, fs * 1.5)
        plotRight = width - pad - (rightMargin ?? fs * 1.4)
        if let leftOverhang {
            for _ in 0..<2 {
                // Never give away more than a third of the width to long rotated labels.
                let needed = Swift.min(pad + leftOverhang(plotRight - plotLeft), width / 3)
                if needed > plotLeft { plotLeft = needed }
            }
        }
        if plotRight - plotLeft < fs * 8 { plotRight = plotLeft + fs * 8 }

        let band = bottomBand(plotRight - plotLeft)
        var below = band
        var xLabelOffset = 0.0
        if let text = xLabel, !text.isEmpty {
            xLabelOffset = below + fs * 1.15
            below += fs * 1.55
            self.xLabel = (TextMetrics.truncate(text, maxWidth: inner, fontSize: fs), 0)
        }
        legend = LegendLayout(items: items, width: inner, fontSize: fs)
        let legendOffset = below
        below += legend.height + pad

        let minimumPlot = Swift.max(fs * 9, height * 0.42)
        plotBottom = height - below
        if plotBottom - plotTop < minimumPlot {
            plotBottom = plotTop + minimumPlot
            height = plotBottom + below
        }
        if self.xLabel != nil { self.xLabel?.baseline = plotBottom + xLabelOffset }
        legendTop = plotBottom + legendOffset + LegendLayout.gapAbove
    }

    // MARK: Drawing

    func openDocument(_ w: inout SVGWriter) {
        w.openDocument(width: width, height: height, fontFamily: fontFamily, fontSize: fontSize, title: title)
        for line in titleLines {
            w.text(line.text, x: Frame.pad, y: line.baseline, size: titleSize, weight: "bold")
        }
        if let yLabel {
            w.text(yLabel.text, x: Frame.pad, y: yLabel.baseline, fill: SVGWriter.muted)
        }
    }

    func drawXLabel(_ w: inout SVGWriter) {
        guard let xLabel else { return }
        w.text(xLabel.text, x: (plotLeft + plotRight) / 2, y: xLabel.baseline, anchor: .middle, fill: SVGWriter.muted)
    }

    /// Horizontal grid lines with their labels left of the plot. The line at 0 is drawn
    /// separately (`drawZeroLine`) so it can go on top of the data.
    func drawYGrid(_ w: inout SVGWriter, ticks: [Double], labels: [String], scale: LinearScale) {
        w.openGroup(attributes: "class=\"y-axis\"")
        for (tick, label) in zip(ticks, labels) {
            let y = scale(tick)
            if tick != 0 {
                w.line(x1: plotLeft, y1: y, x2: plotRight, y2: y, stroke: SVGWriter.grid)
            }
            w.text(label, x: plotLeft - fontSize * 0.5, y: y + fontSize * 0.35, anchor: .end, fill: SVGWriter.muted)
        }
        w.closeGroup()
    }

    /// The baseline: at y = 0 when 0 is in the domain, else along the bottom of the plot.
    func drawZeroLine(_ w: inout SVGWriter, domain: (Double, Double), scale: LinearScale) {
        let y = domain.0 <= 0 && 0 <= domain.1 ? scale(0) : plotBottom
        w.line(x1: plotLeft, y1: y, x2: plotRight, y2: y, stroke: "#444444", width: 1)
    }

    func drawLegend(_ w: inout SVGWriter) {
        guard legend.rows > 0 else { return }
        let fs = fontSize
        w.openGroup(attributes: "class=\"legend\"")
        for p in legend.placed {
            let item = legendItems[p.item]
            let x = Frame.pad + p.x
            let baseline = legendTop + Double(p.row) * legend.rowHeight + fs
            let middle = baseline - fs * 0.35
            if p.truncated { w.openGroup(tooltip: item.name) }
            switch item.swatch {
            case let .line(color, dash):
                w.line(x1: x, y1: middle, x2: x + fs * 2, y2: middle, stroke: color, width: 2.5, dash: dash)
            case let .box(color):
                w.rect(x: x, y: middle - fs * 0.5, width: fs, height: fs, fill: color)
            case .diamond:
                w.diamond(cx: x + fs / 2, cy: middle, r: fs * 0.45, fill: "#FFFFFF", stroke: "#000000", strokeWidth: 2)
            }
            let textX = x + LegendLayout.swatchWidth(item.swatch, fontSize: fs) + fs * 0.45
            w.text(p.text, x: textX, y: baseline)
            if p.truncated { w.closeGroup() }
        }
        w.closeGroup()
    }

    /// A note centred in the plot ("无数据").
    func drawNote(_ w: inout SVGWriter, _ note: String) {
        w.text(
            note, x: (plotLeft + plotRight) / 2, y: (plotTop + plotBottom) / 2 + fontSize * 0.4,
            anchor: .middle, size: fontSize * 1.2, fill: SVGWriter.muted, halo: true)
    }

    /// The whole of an empty chart: title, an outlined plot area and the note.
    static func emptyChart(style: ChartStyle, title: String, yLabel: String?, xLabel: String?) -> String {
        let frame = Frame(
            style: style, title: title, yLabel: yLabel, xLabel: xLabel, yTickLabels: [],
            legend: [], bottomBand: { _ in 0 })
        var w = SVGWriter()
        frame.openDocument(&w)
        w.rect(
            x: frame.plotLeft, y: frame.plotTop, width: frame.plotWidth, height: frame.plotHeight,
            fill: "#FAFAFA", stroke: SVGWriter.grid)
        frame.drawNote(&w, style.noDataText)
        frame.drawXLabel(&w)
        w.closeDocument()
        return w.text
    }
}

/// Ticks on a numeric x axis, thinned until their labels no longer touch.
struct NumericXAxis {
    var ticks: [Double] = []
    var labels: [String] = []

    /// - Parameter integer: ticks only at integers, labelled without separators (years).
    init(
        domain: (Double, Double), plotLeft: Double, plotRight: Double, fontSize fs: Double, integer: Bool,
        maxCount: Int = 6
    ) {
        let scale = LinearScale(domain: domain, range: (plotLeft, plotRight))
        var count = maxCount
        while count >= 1 {
            var candidate = NiceScale.ticks(min: domain.0, max: domain.1, count: count).filter {
                $0 >= domain.0 - 1e-9 * Swift.max(1, domain.0.magnitude)
                    && $0 <= domain.1 + 1e-9 * Swift.max(1, domain.1.magnitude)
            }
            if integer { candidate = candidate.filter { $0 == $0.rounded() } }
            let texts = integer ? candidate.map(NumericXAxis.integerLabel) : NiceScale.labels(candidate)
            var fits = true
            var previousRight = -Double.infinity
            for (tick, text) in zip(candidate, texts) {
                let half = TextMetrics.width(text, fontSize: fs) / 2
                let x = scale(tick)
                if x - half < previousRight + fs * 0.8 {
                    fits = false
                    break
                }
                previousRight = x + half
            }
            if fits {
                ticks = candidate
                labels = texts
                return
            }
            if count == 1 {
                // Even one interval collides (a very narrow plot): one labelled tick.
                ticks = Array(candidate.prefix(1))
                labels = Array(texts.prefix(1))
                return
            }
            count -= 1
        }
    }

    static func integerLabel(_ value: Double) -> String {
        guard value.isFinite, value.magnitude < 1e15 else { return NiceScale.label(value) }
        return String(Int64(value))
    }

    func draw(_ w: inout SVGWriter, frame: Frame, scale: LinearScale) {
        w.openGroup(attributes: "class=\"x-axis\"")
        let fs = frame.fontSize
        for (tick, label) in zip(ticks, labels) {
            let x = scale(tick)
            w.line(x1: x, y1: frame.plotBottom, x2: x, y2: frame.plotBottom + fs * 0.35, stroke: SVGWriter.axis)
            w.text(label, x: x, y: frame.plotBottom + fs * 1.6, anchor: .middle, fill: SVGWriter.muted)
        }
        w.closeGroup()
    }

    static func bandHeight(fontSize fs: Double) -> Double { fs * 1.95 }
}
