/// Lines over a numeric x axis (usually years): emission trajectories per scenario, with
/// optional target markers ("2025 目标"), reference lines (a cap, a base-year level) and
/// bands around a line (a fan chart's 5–95 % range).
public struct LineChart: Sendable {
    public struct Series: Sendable {
        public var name: String
        /// Drawn in x order; non-finite points are left out.
        public var points: [(x: Double, y: Double)]
        public var dashed: Bool
        /// A shaded range in the series' colour, drawn under every line: at each x, from `low`
        /// to `high`. Points with a non-finite value are left out.
        public var band: [(x: Double, low: Double, high: Double)]

        public init(
            name: String, points: [(x: Double, y: Double)], dashed: Bool = false,
            band: [(x: Double, low: Double, high: Double)] = []
        ) {
            self.name = name
            self.points = points
            self.dashed = dashed
            self.band = band
        }
    }

    /// A single labelled point, drawn as a hollow diamond (e.g. a target).
    public struct Marker: Sendable {
        public var x: Double
        public var y: Double
        public var label: String

        public init(x: Double, y: Double, label: String) {
            self.x = x
            self.y = y
            self.label = label
        }
    }

    public var title: String
    public var xLabel: String?
    /// The y-axis title, with its unit, e.g. "SO2 排放量（吨/年）".
    public var yLabel: String
    public var series: [Series]
    public var markers: [Marker]
    /// Dashed reference lines across the plot, labelled at the right end.
    public var horizontalLines: [(y: Double, label: String)]
    /// x values are years (or other integers): ticks only at integers, labels without
    /// thousands separators ("2025", not "2,025").
    public var integerX: Bool
    /// Start the y axis at 0 (or end it at 0 for negative data) so that changes are seen
    /// in proportion. Off lets the axis hug the data.
    public var includesZero: Bool
    public var style: ChartStyle

    public init(
        title: String, xLabel: String? = nil, yLabel: String, series: [Series], markers: [Marker] = [],
        horizontalLines: [(y: Double, label: String)] = [], integerX: Bool = true,
        includesZero: Bool = true, style: ChartStyle = ChartStyle()
    ) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.markers = markers
        self.horizontalLines = horizontalLines
        self.integerX = integerX
        self.includesZero = includesZero
        self.style = style
    }

    public func svg() -> String {
        let lines: [(name: String, points: [(x: Double, y: Double)], dashed: Bool)] = series.map { s in
            let finite = s.points.enumerated().filter { $0.element.x.isFinite && $0.element.y.isFinite }
            let ordered = finite.sorted { ($0.element.x, $0.offset) < ($1.element.x, $1.offset) }
            return (s.name, ordered.map(\.element), s.dashed)
        }
        let bands: [[(x: Double, low: Double, high: Double)]] = series.map { s in
            s.band.filter { $0.x.isFinite && $0.low.isFinite && $0.high.isFinite }.sorted { $0.x < $1.x }
        }
        let marks = markers.filter { $0.x.isFinite && $0.y.isFinite }
        let references = horizontalLines.filter { $0.y.isFinite }

        let xs = lines.flatMap { $0.points.map(\.x) } + marks.map(\.x) + bands.flatMap { $0.map(\.x) }
        guard let xMin = xs.min(), let xMax = xs.max() else {
            return Frame.emptyChart(style: style, title: title, yLabel: yLabel, xLabel: xLabel)
        }
        var ys = lines.flatMap { $0.points.map(\.y) } + marks.map(\.y) + references.map(\.y)
        ys += bands.flatMap { $0.flatMap { [$0.low, $0.high] } }
        if includesZero { ys.append(0) }
        let yTicks = NiceScale.ticks(min: ys.min() ?? 0, max: ys.max() ?? 1, count: Frame.yTickCount(style))
        let yDomain = (yTicks.first ?? 0, yTicks.last ?? 1)
        let yTickLabels = NiceScale.labels(yTicks)

        var xDomain = (xMin, xMax)
        if xMin == xMax {
            let half = integerX ? 1 : (xMin == 0 ? 1 : xMin.magnitude * 0.1)
            xDomain = (xMin - half, xMax + half)
        }

        let fs = Frame.sanitized(style).fontSize
        let legendItems = lines.enumerated().map { i, line in
            let look = Palette.lineStyle(at: i)
            return LegendItem(
                swatch: .line(color: look.color, dash: look.dash ?? (line.dashed ? "6 4" : nil)),
                name: line.name)
        }
        let lastLabel = integerX ? NumericXAxis.integerLabel(xDomain.1) : NiceScale.label(xDomain.1)
        let frame = Frame(
            style: style, title: title, yLabel: yLabel, xLabel: xLabel, yTickLabels: yTickLabels,
            legend: legendItems,
            rightMargin: Swift.max(fs * 1.4, TextMetrics.width(lastLabel, fontSize: fs) / 2 + 4),
            bottomBand: { _ in NumericXAxis.bandHeight(fontSize: fs) })
        let xScale = LinearScale(domain: xDomain, range: (frame.plotLeft, frame.plotRight))
        let yScale = LinearScale(domain: yDomain, range: (frame.plotBottom, frame.plotTop))
        let xAxis = NumericXAxis(
            domain: xDomain, plotLeft: frame.plotLeft, plotRight: frame.plotRight,
            fontSize: fs, integer: integerX)

        var w = SVGWriter()
        frame.openDocument(&w)
        frame.drawYGrid(&w, ticks: yTicks, labels: yTickLabels, scale: yScale)
        if integerX, xDomain.1 - xDomain.0 <= 80 {
            // A small tick at every year so annual points can be read off.
            w.openGroup(attributes: "class=\"x-minor\"")
            var year = xDomain.0.rounded(.up)
            while year <= xDomain.1 {
                let x = xScale(year)
                w.line(x1: x, y1: frame.plotBottom, x2: x, y2: frame.plotBottom + fs * 0.2, stroke: SVGWriter.axis)
                year += 1
            }
            w.closeGroup()
        }
        xAxis.draw(&w, frame: frame, scale: xScale)

        for reference in references {
            let y = yScale(reference.y)
            w.line(x1: frame.plotLeft, y1: y, x2: frame.plotRight, y2: y, stroke: "#666666", width: 1.5, dash: "5 4")
        }

        for (i, band) in bands.enumerated() where band.count > 1 {
            let outline =
                band.map { (xScale($0.x), yScale($0.high)) } + band.reversed().map { (xScale($0.x), yScale($0.low)) }
            w.openGroup(tooltip: lines[i].name, attributes: "class=\"band\"")
            w.polygon(outline, fill: Palette.lineStyle(at: i).color, opacity: 0.18)
            w.closeGroup()
        }

        let showDots = lines.count <= 8 && lines.allSatisfy { $0.points.count <= 30 }
        for (i, line) in lines.enumerated() where !line.points.isEmpty {
            let look = Palette.lineStyle(at: i)
            let dash = look.dash ?? (line.dashed ? "6 4" : nil)
            w.openGroup(tooltip: line.name, attributes: "class=\"series\"")
            let pixels = line.points.map { (xScale($0.x), yScale($0.y)) }
            if pixels.count > 1 {
                w.polyline(pixels, stroke: look.color, width: 2.25, dash: dash)
            }
            if showDots || pixels.count == 1 {
                for (point, pixel) in zip(line.points, pixels) {
                    let xText = integerX ? NumericXAxis.integerLabel(point.x) : NiceScale.label(point.x)
                    w.openGroup(tooltip: "\(line.name) \(xText): \(NiceScale.label(point.y))")
                    w.circle(
                        cx: pixel.0, cy: pixel.1, r: pixels.count == 1 ? 4 : 3, fill: look.color,
                        stroke: "#FFFFFF", strokeWidth: 1)
                    w.closeGroup()
                }
            }
            w.closeGroup()
        }
        frame.drawZeroLine(&w, domain: yDomain, scale: yScale)

        // Labels last, on top of everything. Each takes the first candidate spot that stays
        // in the plot, does not touch another label and crosses the fewest data lines.
        var occupied: [Box] = []
        let bounds = Box(
            minX: Frame.pad, minY: frame.plotTop - fs * 0.6, maxX: frame.width - Frame.pad,
            maxY: frame.plotBottom)
        var segments: [((Double, Double), (Double, Double))] = lines.flatMap { line in
            let pixels = line.points.map { (xScale($0.x), yScale($0.y)) }
            return Array(zip(pixels, pixels.dropFirst()))
        }
        for reference in references {
            let y = yScale(reference.y)
            segments.append(((frame.plotLeft, y), (frame.plotRight, y)))
        }
        func place(_ text: String, candidates: [(Double, Double, SVGWriter.Anchor)])
            -> (spot: (Double, Double, SVGWriter.Anchor), box: Box, index: Int)
        {
            let width = TextMetrics.width(text, fontSize: fs)
            var best: (spot: (Double, Double, SVGWriter.Anchor), box: Box, index: Int, crossings: Int)? = nil
            for (index, candidate) in candidates.enumerated() {
                let box = Box.text(x: candidate.0, y: candidate.1, width: width, fontSize: fs, anchor: candidate.2)
                let inside =
                    box.minX >= bounds.minX && box.maxX <= bounds.maxX && box.minY >= bounds.minY
                    && box.maxY <= bounds.maxY
                guard inside, !occupied.contains(where: { $0.intersects(box, margin: 2) }) else { continue }
                let crossings = segments.reduce(0) { $0 + (box.intersects(segmentFrom: $1.0, to: $1.1) ? 1 : 0) }
                if best == nil || crossings < best!.crossings { best = (candidate, box, index, crossings) }
                if crossings == 0 { break }
            }
            if let best {
                occupied.append(best.box)
                return (best.spot, best.box, best.index)
            }
            let first = candidates[0]
            let box = Box.text(x: first.0, y: first.1, width: width, fontSize: fs, anchor: first.2)
            occupied.append(box)
            return (first, box, 0)
        }

        // Markers first: their labels matter most and should sit next to them; reference-line
        // labels can go at either end of their line.
        for mark in marks {
            let x = xScale(mark.x)
            let y = yScale(mark.y)
            w.openGroup(tooltip: "\(mark.label): \(NiceScale.label(mark.y))", attributes: "class=\"marker\"")
            w.diamond(cx: x, cy: y, r: 6, fill: "#FFFFFF", stroke: "#000000", strokeWidth: 2)
            w.closeGroup()
            occupied.append(Box(minX: x - 7, minY: y - 7, maxX: x + 7, maxY: y + 7))
        }
        for mark in marks where !mark.label.isEmpty {
            let x = xScale(mark.x)
            let y = yScale(mark.y)
            let up = y - 9
            let down = y + fs + 7
            let placed = place(
                mark.label,
                candidates: [
                    (x + 9, up, .start), (x - 9, up, .end), (x + 9, down, .start), (x - 9, down, .end),
                    (x, up - 4, .middle), (x, down + 4, .middle), (x + 9, up - fs * 1.3, .start),
                    (x - 9, up - fs * 1.3, .end), (x + 9, down + fs * 1.3, .start), (x - 9, down + fs * 1.3, .end),
                ])
            if placed.index >= 4 {
                // Moved away from its marker: a thin leader line shows what it belongs to.
                let box = placed.box
                let tx = Swift.min(Swift.max(x, box.minX), box.maxX)
                let ty = Swift.min(Swift.max(y, box.minY), box.maxY)
                let length = ((tx - x) * (tx - x) + (ty - y) * (ty - y)).squareRoot()
                if length > 9 {
                    w.line(
                        x1: x + (tx - x) / length * 7, y1: y + (ty - y) / length * 7, x2: tx, y2: ty,
                        stroke: "#444444", width: 0.75)
                }
            }
            w.text(mark.label, x: placed.spot.0, y: placed.spot.1, anchor: placed.spot.2, weight: "bold", halo: true)
        }
        for reference in references where !reference.label.isEmpty {
            let y = yScale(reference.y)
            let right = frame.plotRight - 4
            let left = frame.plotLeft + 4
            let spot = place(
                reference.label,
                candidates: [
                    (right, y - 4, .end), (right, y + fs + 2, .end), (left, y - 4, .start), (left, y + fs + 2, .start),
                ]
            ).spot
            w.text(reference.label, x: spot.0, y: spot.1, anchor: spot.2, fill: "#444444", halo: true)
        }

        frame.drawXLabel(&w)
        frame.drawLegend(&w)
        w.closeDocument()
        return w.text
    }
}
