/// Labels under evenly spaced categories (bars). In order of preference: one line each;
/// wrapped onto two lines; rotated by 45°; rotated and thinned to every k-th label. Rotated
/// labels longer than 10 em are truncated and keep the full text as a tooltip.
struct CategoryAxis {
    enum Mode {
        case horizontal(lines: [[String]])
        case rotated(texts: [String])
    }

    var mode: Mode
    var every = 1
    var bandHeight: Double
    private var categories: [String]
    private var slot: Double
    private var fontSize: Double

    init(categories: [String], slot: Double, fontSize fs: Double) {
        self.categories = categories
        self.slot = slot
        fontSize = fs
        let limit = slot - fs * 0.5
        let widths = categories.map { TextMetrics.width($0, fontSize: fs) }
        if (widths.max() ?? 0) <= limit {
            mode = .horizontal(lines: categories.map { [$0] })
            bandHeight = fs * 1.95
            return
        }
        if limit >= fs * 2.5 {
            let wrapped = categories.map { TextMetrics.wrap($0, maxWidth: limit, fontSize: fs, maxLines: 3) }
            let fits = wrapped.allSatisfy { lines in
                lines.count <= 2 && lines.allSatisfy { TextMetrics.width($0, fontSize: fs) <= limit }
            }
            if fits {
                mode = .horizontal(lines: wrapped)
                bandHeight = fs * 3.2
                return
            }
        }
        let texts = categories.map { TextMetrics.truncate($0, maxWidth: fs * 10, fontSize: fs) }
        let longest = texts.map { TextMetrics.width($0, fontSize: fs) }.max() ?? 0
        mode = .rotated(texts: texts)
        // Neighbouring rotated labels are slot × sin 45° apart; they need about 1.2 em.
        every = Swift.max(1, Int((fs * 1.2 / (Swift.max(slot, 0.01) * 0.7071)).rounded(.up)))
        bandHeight = longest * 0.7071 + fs * 0.7071 + fs * 1.0
    }

    /// How far the labels reach left of the first slot's left edge (the plot's left edge).
    var leftOverhang: Double {
        guard case let .rotated(texts) = mode else {
            return Swift.max(0, (TextMetrics.width(categories.first ?? "", fontSize: fontSize) - slot) / 2)
        }
        var reach = 0.0
        for (i, text) in texts.enumerated() where i % every == 0 {
            let left =
                slot * (Double(i) + 0.5) + fontSize * 0.3
                - TextMetrics.width(text, fontSize: fontSize) * 0.7071 - fontSize * 0.65
            reach = Swift.max(reach, -left)
        }
        return reach
    }

    func draw(_ w: inout SVGWriter, frame: Frame, centers: [Double]) {
        let fs = frame.fontSize
        w.openGroup(attributes: "class=\"x-axis\"")
        switch mode {
        case let .horizontal(lines):
            for (center, label) in zip(centers, lines) {
                for (k, line) in label.enumerated() {
                    w.text(
                        line, x: center, y: frame.plotBottom + fs * 1.6 + Double(k) * fs * 1.25,
                        anchor: .middle, fill: SVGWriter.muted)
                }
            }
        case let .rotated(texts):
            for (i, (center, text)) in zip(centers, texts).enumerated() where i % every == 0 {
                let y = frame.plotBottom + fs * 0.9
                w.line(
                    x1: center, y1: frame.plotBottom, x2: center, y2: frame.plotBottom + fs * 0.3,
                    stroke: SVGWriter.axis)
                w.text(
                    text, x: center + fs * 0.3, y: y, anchor: .end, fill: SVGWriter.muted, rotate: -45,
                    tooltip: text == categories[i] ? nil : categories[i])
            }
        }
        w.closeGroup()
    }
}
