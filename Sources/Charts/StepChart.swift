/// A marginal abatement cost curve: one step per measure, in the given order, as wide as
/// the measure's reduction and as high as its cost per tonne (below the axis when the
/// measure saves money). A step wide enough for its name carries it; narrower steps carry
/// a number, explained in a numbered key under the chart.
public struct StepChart: Sendable {
    public var title: String
    /// The x-axis title with its unit, e.g. "累计减排量（吨）".
    public var xLabel: String
    /// The y-axis title with its unit, e.g. "单位减排成本（元/吨）".
    public var yLabel: String
    /// Steps with a width that is not a positive finite number are left out; a non-finite
    /// height counts as 0.
    public var steps: [(label: String, width: Double, height: Double)]
    public var style: ChartStyle

    public init(
        title: String, xLabel: String, yLabel: String,
        steps: [(label: String, width: Double, height: Double)], style: ChartStyle = ChartStyle()
    ) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.steps = steps
        self.style = style
    }

    private struct Step {
        var label: String
        var number: Int
        var start: Double
        var width: Double
        var height: Double
    }

    private struct PlacedLabel {
        var step: Int
        var text: String
        var x: Double
        var baseline: Double
        var bold: Bool
    }

    public func svg() -> String {
        var drawn: [Step] = []
        var cumulative = 0.0
        for s in steps where s.width.isFinite && s.width > 0 {
            drawn.append(
                Step(
                    label: s.label, number: drawn.count + 1, start: cumulative, width: s.width,
                    height: s.height.isFinite ? s.height : 0))
            cumulative += s.width
        }
        guard !drawn.isEmpty, cumulative.isFinite else {
            return Frame.emptyChart(style: style, title: title, yLabel: yLabel, xLabel: xLabel)
        }
        let fs = Frame.sanitized(style).fontSize
        let xDomain = (0.0, cumulative)
        var yTicks = NiceScale.ticks(
            min: drawn.map(\.height).min() ?? 0, max: drawn.map(\.height).max() ?? 0,
            count: Frame.yTickCount(style))
        let allZero = drawn.allSatisfy { $0.height == 0 }

        // Labels need room above the tallest step (and below the deepest one); when they do
        // not fit, the axis gains a tick on that side and the layout is redone.
        var attempt = 0
        while true {
            let yTickLabels = NiceScale.labels(yTicks)
            let plain = Frame(
                style: style, title: title, yLabel: yLabel, xLabel: xLabel, yTickLabels: yTickLabels,
                legend: [], bottomBand: { _ in NumericXAxis.bandHeight(fontSize: fs) })
            let pixelsPerUnit = plain.plotWidth / cumulative
            let named = drawn.map { TextMetrics.width($0.label, fontSize: fs) <= $0.width * pixelsPerUnit - 4 }
            let key = drawn.enumerated().filter { !named[$0.offset] }.map { i, s in
                LegendItem(swatch: .box(color: Palette.fill(at: i)), name: "\(s.number)  \(s.label)")
            }
            let frame = Frame(
                style: style, title: title, yLabel: yLabel, xLabel: xLabel, yTickLabels: yTickLabels,
                legend: key, bottomBand: { _ in NumericXAxis.bandHeight(fontSize: fs) })
            let yDomain = (yTicks.first ?? 0, yTicks.last ?? 1)
            let xScale = LinearScale(domain: xDomain, range: (frame.plotLeft, frame.plotRight))
            let yScale = LinearScale(domain: yDomain, range: (frame.plotBottom, frame.plotTop))
            let (labels, tooHigh, tooLow) = placeLabels(
                drawn, named: named, frame: frame, xScale: xScale, yScale: yScale)
            if attempt < 3 && (tooHigh || tooLow) && yTicks.count >= 2 {
                let step = yTicks[1] - yTicks[0]
                if tooHigh { yTicks.append(yTicks[yTicks.count - 1] + step) }
                if tooLow { yTicks.insert(yTicks[0] - step, at: 0) }
                attempt += 1
                continue
            }
            return render(
                drawn, frame: frame, yTicks: yTicks, yTickLabels: yTickLabels, xScale: xScale,
                yScale: yScale, yDomain: yDomain, labels: labels, allZero: allZero)
        }
    }

    /// Names over the steps that can hold them, then numbers over the others, each on the
    /// first free row above the step (below it for negative costs). A number that finds no
    /// free spot within six rows is left out; its step is still in the key and its tooltip.
    private func placeLabels(
        _ drawn: [Step], named: [Bool], frame: Frame, xScale: LinearScale,
        yScale: LinearScale
    ) -> ([PlacedLabel], Bool, Bool) {
        let fs = frame.fontSize
        var obstacles: [Box] = drawn.map { s in
            let y0 = yScale(0)
            let y1 = yScale(s.height)
            return Box(
                minX: xScale(s.start) + 0.5, minY: Swift.min(y0, y1), maxX: xScale(s.start + s.width) - 0.5,
                maxY: Swift.max(y0, y1))
        }
        var placed: [PlacedLabel] = []
        var tooHigh = false
        var tooLow = false
        let order = drawn.indices.filter { named[$0] } + drawn.indices.filter { !named[$0] }
        for i in order {
            let s = drawn[i]
            let text = named[i] ? s.label : String(s.number)
            let width = TextMetrics.width(text, fontSize: fs)
            let x = xScale(s.start + s.width / 2)
            let up = s.height >= 0
            let edge = yScale(s.height)
            for row in 0..<6 {
                let shift = Double(row) * fs * 1.25
                let baseline = up ? edge - 4 - shift : edge + fs + 2 + shift
                let box = Box.text(x: x, y: baseline, width: width, fontSize: fs, anchor: .middle)
                if row == 0 {
                    if box.minY < frame.plotTop - fs * 0.3 { tooHigh = true }
                    if box.maxY > frame.plotBottom { tooLow = true }
                }
                if box.minY < frame.plotTop - fs * 0.3 || box.maxY > frame.plotBottom { break }
                // Centred on the step if free, else nudged sideways (by at most its own width)
                // just clear of whatever it touches, so it still reads as belonging to the step.
                var spot: (Double, Box)? = nil
                let hits = obstacles.filter { $0.intersects(box, margin: 1) }
                if hits.isEmpty {
                    spot = (x, box)
                } else {
                    for hit in hits {
                        for candidate in [hit.minX - 1.5 - width / 2, hit.maxX + 1.5 + width / 2]
                        where (candidate - x).magnitude <= Swift.max(width, fs * 0.5) {
                            let moved = Box.text(x: candidate, y: baseline, width: width, fontSize: fs, anchor: .middle)
                            if !obstacles.contains(where: { $0.intersects(moved, margin: 1) }) {
                                spot = (candidate, moved)
                                break
                            }
                        }
                        if spot != nil { break }
                    }
                }
                guard let (labelX, labelBox) = spot else { continue }
                obstacles.append(labelBox)
                placed.append(PlacedLabel(step: i, text: text, x: labelX, baseline: baseline, bold: !named[i]))
                break
            }
        }
        placed.sort { $0.step < $1.step }
        return (placed, tooHigh, tooLow)
    }

    private func render(
        _ drawn: [Step], frame: Frame, yTicks: [Double], yTickLabels: [String],
        xScale: LinearScale, yScale: LinearScale, yDomain: (Double, Double),
        labels: [PlacedLabel], allZero: Bool
    ) -> String {
        let fs = frame.fontSize
        var w = SVGWriter()
        frame.openDocument(&w)
        frame.drawYGrid(&w, ticks: yTicks, labels: yTickLabels, scale: yScale)
        let xAxis = NumericXAxis(
            domain: xScale.domain, plotLeft: frame.plotLeft, plotRight: frame.plotRight,
            fontSize: fs, integer: false)
        xAxis.draw(&w, frame: frame, scale: xScale)
        w.openGroup(attributes: "class=\"steps\"")
        for (i, s) in drawn.enumerated() {
            let x0 = xScale(s.start)
            let x1 = xScale(s.start + s.width)
            let y0 = yScale(0)
            let y1 = yScale(s.height)
            w.rect(
                x: x0, y: Swift.min(y0, y1), width: x1 - x0, height: (y0 - y1).magnitude, fill: Palette.fill(at: i),
                stroke: x1 - x0 >= 3 ? "#FFFFFF" : nil, strokeWidth: 0.75,
                tooltip:
                    "\(s.number) \(s.label) — \(xLabel): \(NiceScale.label(s.width)); \(yLabel): \(NiceScale.label(s.height))"
            )
        }
        w.closeGroup()
        frame.drawZeroLine(&w, domain: yDomain, scale: yScale)
        w.openGroup(attributes: "class=\"step-labels\"")
        for label in labels {
            w.text(
                label.text, x: label.x, y: label.baseline, anchor: .middle, weight: label.bold ? "bold" : nil,
                halo: true)
        }
        w.closeGroup()
        if allZero { frame.drawNote(&w, style.allZeroText) }
        frame.drawXLabel(&w)
        frame.drawLegend(&w)
        w.closeDocument()
        return w.text
    }
}
