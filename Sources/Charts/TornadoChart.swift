/// Horizontal bars diverging from zero, one row per item, largest first as given: a tornado
/// chart of what drives a result (the factors behind a target's margin, by rank correlation).
/// Positive and negative bars have their own colour and legend entry; each bar's value is
/// written at its end.
public struct TornadoChart: Sendable {
    public var title: String
    /// The x-axis title, e.g. "与余量的秩相关系数".
    public var xLabel: String?
    /// Rows top to bottom; non-finite values are drawn as empty rows.
    public var rows: [(label: String, value: Double)]
    /// The x domain; nil: symmetric about 0 and wide enough for every value.
    public var domain: (Double, Double)?
    /// Legend entries for positive and negative bars (empty: no legend entry).
    public var positiveLabel: String
    public var negativeLabel: String
    /// Decimals of the value labels.
    public var decimals: Int
    public var style: ChartStyle

    public init(
        title: String, xLabel: String? = nil, rows: [(label: String, value: Double)],
        domain: (Double, Double)? = nil, positiveLabel: String = "", negativeLabel: String = "",
        decimals: Int = 2, style: ChartStyle = ChartStyle()
    ) {
        self.title = title
        self.xLabel = xLabel
        self.rows = rows
        self.domain = domain
        self.positiveLabel = positiveLabel
        self.negativeLabel = negativeLabel
        self.decimals = Swift.min(Swift.max(decimals, 0), 6)
        self.style = style
    }

    static let positiveColor = Palette.categorical[0]
    static let negativeColor = Palette.categorical[5]

    public func svg() -> String {
        guard !rows.isEmpty else {
            return Frame.emptyChart(style: style, title: title, yLabel: nil, xLabel: xLabel)
        }
        let fs = Frame.sanitized(style).fontSize
        let finite = rows.map(\.value).filter(\.isFinite)
        let largest = finite.map(\.magnitude).max() ?? 1
        var xDomain = domain ?? (-largest, largest)
        if !(xDomain.0.isFinite && xDomain.1.isFinite) || xDomain.0 >= xDomain.1 {
            xDomain = largest > 0 && largest.isFinite ? (-largest, largest) : (-1, 1)
        }
        let ticks = NiceScale.ticks(min: xDomain.0, max: xDomain.1, count: 4)
        if domain == nil, let first = ticks.first, let last = ticks.last { xDomain = (first, last) }

        // Row labels sit left of the plot, no wider than a third of the chart.
        let width = Frame.sanitized(style).width
        let labels = rows.map { TextMetrics.truncate($0.label, maxWidth: width / 3, fontSize: fs) }
        var legend: [LegendItem] = []
        if !positiveLabel.isEmpty {
            legend.append(LegendItem(swatch: .box(color: Self.positiveColor), name: positiveLabel))
        }
        if !negativeLabel.isEmpty {
            legend.append(LegendItem(swatch: .box(color: Self.negativeColor), name: negativeLabel))
        }

        // Tall enough for every row: the frame keeps the plot at least this high.
        var sized = style
        let pitch = fs * 2.1
        sized.height = Swift.min(10_000, 150 + Double(rows.count) * pitch + Double(legend.count) * fs)
        let frame = Frame(
            style: sized, title: title, yLabel: nil, xLabel: xLabel, yTickLabels: labels, legend: legend,
            rightMargin: fs * 3, bottomBand: { _ in NumericXAxis.bandHeight(fontSize: fs) })
        let xScale = LinearScale(domain: xDomain, range: (frame.plotLeft, frame.plotRight))
        let axis = NumericXAxis(
            domain: xDomain, plotLeft: frame.plotLeft, plotRight: frame.plotRight, fontSize: fs, integer: false)

        var w = SVGWriter()
        frame.openDocument(&w)
        w.openGroup(attributes: "class=\"x-grid\"")
        for tick in axis.ticks where tick != 0 {
            let x = xScale(tick)
            w.line(x1: x, y1: frame.plotTop, x2: x, y2: frame.plotBottom, stroke: SVGWriter.grid)
        }
        w.closeGroup()
        axis.draw(&w, frame: frame, scale: xScale)

        let rowHeight = frame.plotHeight / Double(rows.count)
        let barHeight = Swift.min(rowHeight * 0.62, fs * 1.6)
        let zero = xScale(Swift.min(Swift.max(0, xDomain.0), xDomain.1))
        for (i, row) in rows.enumerated() {
            let middle = frame.plotTop + (Double(i) + 0.5) * rowHeight
            w.text(
                labels[i], x: frame.plotLeft - fs * 0.5, y: middle + fs * 0.35, anchor: .end,
                tooltip: labels[i] == row.label ? nil : row.label)
            guard row.value.isFinite else { continue }
            let clamped = Swift.min(Swift.max(row.value, xDomain.0), xDomain.1)
            let end = xScale(clamped)
            let text = Self.label(row.value, decimals: decimals)
            w.openGroup(tooltip: "\(row.label): \(text)", attributes: "class=\"bar\"")
            w.rect(
                x: Swift.min(zero, end), y: middle - barHeight / 2, width: abs(end - zero), height: barHeight,
                fill: row.value >= 0 ? Self.positiveColor : Self.negativeColor)
            w.closeGroup()
            let outside = row.value >= 0 ? end + fs * 0.35 : end - fs * 0.35
            w.text(
                text, x: outside, y: middle + fs * 0.35, anchor: row.value >= 0 ? .start : .end, fill: SVGWriter.muted,
                halo: true)
        }
        w.line(x1: zero, y1: frame.plotTop, x2: zero, y2: frame.plotBottom, stroke: "#444444", width: 1)
        frame.drawXLabel(&w)
        frame.drawLegend(&w)
        w.closeDocument()
        return w.text
    }

    /// `0.74`, `-0.05`: a fixed number of decimals, a hyphen-minus for negatives.
    static func label(_ value: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (value.magnitude * scale).rounded()
        guard scaled < 1e15 else { return NiceScale.label(value) }
        let whole = Int64(scaled) / Int64(scale)
        var fraction = String(Int64(scaled) % Int64(scale))
        fraction = String(repeating: "0", count: Swift.max(0, decimals - fraction.count)) + fraction
        let digits = decimals == 0 ? "\(whole)" : "\(whole).\(fraction)"
        return value < 0 && scaled > 0 ? "-" + digits : digits
    }
}
