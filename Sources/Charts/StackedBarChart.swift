/// Stacked bars per category (a year or a scenario), one segment per series (a measure):
/// positive values stack up from 0, negative ones down from 0, and a diamond marks the net
/// sum of each bar — "where the reductions come from".
public struct StackedBarChart: Sendable {
    public var title: String
    public var xLabel: String?
    /// The y-axis title, with its unit, e.g. "减排量（吨）".
    public var yLabel: String
    public var categories: [String]
    /// `values[i]` belongs to `categories[i]`; missing or non-finite values count as 0.
    public var series: [(name: String, values: [Double])]
    /// Draw a marker at the net (positive plus negative) total of every bar. It is only
    /// drawn when some value is negative: otherwise the net is simply the top of the bar and
    /// the markers would add clutter, not information.
    public var showNet: Bool
    /// Legend text for the net marker.
    public var netLabel: String
    public var style: ChartStyle

    public init(
        title: String, xLabel: String? = nil, yLabel: String, categories: [String],
        series: [(name: String, values: [Double])], showNet: Bool = true, netLabel: String = "净值",
        style: ChartStyle = ChartStyle()
    ) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.categories = categories
        self.series = series
        self.showNet = showNet
        self.netLabel = netLabel
        self.style = style
    }

    public func svg() -> String {
        guard !categories.isEmpty, !series.isEmpty else {
            return Frame.emptyChart(style: style, title: title, yLabel: yLabel, xLabel: xLabel)
        }
        let n = categories.count
        let values: [[Double]] = series.map { s in
            (0..<n).map { i in i < s.values.count && s.values[i].isFinite ? s.values[i] : 0 }
        }
        var positive = [Double](repeating: 0, count: n)
        var negative = [Double](repeating: 0, count: n)
        for row in values {
            for i in 0..<n {
                if row[i] > 0 { positive[i] += row[i] } else { negative[i] += row[i] }
            }
        }
        let net = (0..<n).map { positive[$0] + negative[$0] }
        let allZero = values.allSatisfy { $0.allSatisfy { $0 == 0 } }
        let drawsNet = showNet && negative.contains { $0 < 0 }
        let yTicks = NiceScale.ticks(min: negative.min() ?? 0, max: positive.max() ?? 0, count: Frame.yTickCount(style))
        let yDomain = (yTicks.first ?? 0, yTicks.last ?? 1)
        let yTickLabels = NiceScale.labels(yTicks)

        let fs = Frame.sanitized(style).fontSize
        var legendItems = series.enumerated().map { i, s in
            LegendItem(swatch: .box(color: Palette.fill(at: i)), name: s.name)
        }
        if drawsNet { legendItems.append(LegendItem(swatch: .diamond, name: netLabel)) }
        let frame = Frame(
            style: style, title: title, yLabel: yLabel, xLabel: xLabel, yTickLabels: yTickLabels,
            legend: legendItems, rightMargin: fs * 0.5,
            bottomBand: { width in
                CategoryAxis(categories: categories, slot: width / Double(n), fontSize: fs).bandHeight
            },
            leftOverhang: { width in
                CategoryAxis(categories: categories, slot: width / Double(n), fontSize: fs).leftOverhang
            })
        let slot = frame.plotWidth / Double(n)
        let axis = CategoryAxis(categories: categories, slot: slot, fontSize: fs)
        let barWidth = Swift.max(1, Swift.min(slot * 0.62, fs * 6))
        let centers = (0..<n).map { frame.plotLeft + slot * (Double($0) + 0.5) }
        let yScale = LinearScale(domain: yDomain, range: (frame.plotBottom, frame.plotTop))

        var w = SVGWriter()
        frame.openDocument(&w)
        frame.drawYGrid(&w, ticks: yTicks, labels: yTickLabels, scale: yScale)
        for (s, row) in values.enumerated() {
            let name = series[s].name
            w.openGroup(attributes: "class=\"series\"")
            for i in 0..<n where row[i] != 0 {
                // Stack in series order: everything drawn before `s` on the same side.
                var base = 0.0
                for earlier in 0..<s where (values[earlier][i] > 0) == (row[i] > 0) { base += values[earlier][i] }
                let y0 = yScale(base)
                let y1 = yScale(base + row[i])
                let top = Swift.min(y0, y1)
                let height = (y0 - y1).magnitude
                w.rect(
                    x: centers[i] - barWidth / 2, y: top, width: barWidth, height: height,
                    fill: Palette.fill(at: s), stroke: height >= 3 && barWidth >= 3 ? "#FFFFFF" : nil,
                    strokeWidth: 0.75, tooltip: "\(name) · \(categories[i]): \(NiceScale.label(row[i]))")
            }
            w.closeGroup()
        }
        frame.drawZeroLine(&w, domain: yDomain, scale: yScale)
        if drawsNet {
            w.openGroup(attributes: "class=\"net\"")
            let r = Swift.max(3, Swift.min(6, barWidth * 0.4))
            for i in 0..<n {
                w.openGroup(tooltip: "\(netLabel) · \(categories[i]): \(NiceScale.label(net[i]))")
                w.diamond(cx: centers[i], cy: yScale(net[i]), r: r, fill: "#FFFFFF", stroke: "#000000", strokeWidth: 2)
                w.closeGroup()
            }
            w.closeGroup()
        }
        if allZero { frame.drawNote(&w, style.allZeroText) }
        axis.draw(&w, frame: frame, centers: centers)
        frame.drawXLabel(&w)
        frame.drawLegend(&w)
        w.closeDocument()
        return w.text
    }
}
