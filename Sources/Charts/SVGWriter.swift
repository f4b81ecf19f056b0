/// Builds SVG text element by element, one element per line, attributes in a fixed order,
/// so the same chart always gives byte-identical output.
struct SVGWriter {
    private(set) var text = ""

    enum Anchor: String { case start, middle, end }

    static let ink = "#222222"
    static let muted = "#555555"
    static let grid = "#E3E3E3"
    static let axis = "#8C8C8C"

    private static func n(_ value: Double) -> String { SVGText.number(value) }
    private static func e(_ value: String) -> String { SVGText.escape(value) }

    mutating func raw(_ line: String) {
        text += line
        text += "\n"
    }

    mutating func openDocument(width: Double, height: Double, fontFamily: String, fontSize: Double, title: String) {
        let w = Self.n(width)
        let h = Self.n(height)
        raw(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\" role=\"img\" font-family=\"\(Self.e(fontFamily))\" font-size=\"\(Self.n(fontSize))\">"
        )
        raw("<title>\(Self.e(title))</title>")
        raw("<rect x=\"0\" y=\"0\" width=\"\(w)\" height=\"\(h)\" fill=\"#FFFFFF\"/>")
    }

    mutating func closeDocument() { raw("</svg>") }

    /// A group whose `<title>` is shown as a tooltip on everything inside it.
    mutating func openGroup(tooltip: String? = nil, attributes: String = "") {
        raw(attributes.isEmpty ? "<g>" : "<g \(attributes)>")
        if let tooltip { raw("<title>\(Self.e(tooltip))</title>") }
    }

    mutating func closeGroup() { raw("</g>") }

    mutating func rect(
        x: Double, y: Double, width: Double, height: Double, fill: String,
        stroke: String? = nil, strokeWidth: Double = 1, tooltip: String? = nil
    ) {
        var s =
            "<rect x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(Swift.max(0, width)))\" height=\"\(Self.n(Swift.max(0, height)))\" fill=\"\(fill)\""
        if let stroke { s += " stroke=\"\(stroke)\" stroke-width=\"\(Self.n(strokeWidth))\"" }
        if let tooltip {
            s += "><title>\(Self.e(tooltip))</title></rect>"
        } else {
            s += "/>"
        }
        raw(s)
    }

    mutating func line(
        x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1,
        dash: String? = nil
    ) {
        var s =
            "<line x1=\"\(Self.n(x1))\" y1=\"\(Self.n(y1))\" x2=\"\(Self.n(x2))\" y2=\"\(Self.n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\""
        if let dash { s += " stroke-dasharray=\"\(dash)\"" }
        raw(s + "/>")
    }

    /// An open polyline through `points`.
    mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double, dash: String? = nil) {
        let coords = points.map { "\(Self.n($0.0)),\(Self.n($0.1))" }.joined(separator: " ")
        var s =
            "<polyline points=\"\(coords)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\" stroke-linejoin=\"round\" stroke-linecap=\"round\""
        if let dash { s += " stroke-dasharray=\"\(dash)\"" }
        raw(s + "/>")
    }

    /// A closed, filled polygon without outline; `opacity` is its fill opacity.
    mutating func polygon(_ points: [(Double, Double)], fill: String, opacity: Double = 1) {
        let coords = points.map { "\(Self.n($0.0)),\(Self.n($0.1))" }.joined(separator: " ")
        var s = "<polygon points=\"\(coords)\" fill=\"\(fill)\""
        if opacity < 1 { s += " fill-opacity=\"\(Self.n(Swift.max(0, opacity)))\"" }
        raw(s + "/>")
    }

    mutating func circle(
        cx: Double, cy: Double, r: Double, fill: String, stroke: String? = nil, strokeWidth: Double = 1
    ) {
        var s = "<circle cx=\"\(Self.n(cx))\" cy=\"\(Self.n(cy))\" r=\"\(Self.n(r))\" fill=\"\(fill)\""
        if let stroke { s += " stroke=\"\(stroke)\" stroke-width=\"\(Self.n(strokeWidth))\"" }
        raw(s + "/>")
    }

    /// A diamond centred on (cx, cy) with half-diagonal `r`.
    mutating func diamond(cx: Double, cy: Double, r: Double, fill: String, stroke: String, strokeWidth: Double) {
        let d =
            "M\(Self.n(cx)) \(Self.n(cy - r))L\(Self.n(cx + r)) \(Self.n(cy))L\(Self.n(cx)) \(Self.n(cy + r))L\(Self.n(cx - r)) \(Self.n(cy))Z"
        raw(
            "<path d=\"\(d)\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(strokeWidth))\" stroke-linejoin=\"round\"/>"
        )
    }

    /// Text with its baseline at `y`. `halo` draws a white outline under the glyphs so a
    /// label stays readable where it crosses lines or grid. `rotate` is in degrees about (x, y).
    mutating func text(
        _ content: String, x: Double, y: Double, anchor: Anchor = .start, size: Double? = nil,
        weight: String? = nil, fill: String = SVGWriter.ink, halo: Bool = false,
        rotate: Double? = nil, tooltip: String? = nil
    ) {
        var s = "<text x=\"\(Self.n(x))\" y=\"\(Self.n(y))\""
        if anchor != .start { s += " text-anchor=\"\(anchor.rawValue)\"" }
        if let size { s += " font-size=\"\(Self.n(size))\"" }
        if let weight { s += " font-weight=\"\(weight)\"" }
        s += " fill=\"\(fill)\""
        if halo { s += " stroke=\"#FFFFFF\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\"" }
        if let rotate { s += " transform=\"rotate(\(Self.n(rotate)) \(Self.n(x)) \(Self.n(y)))\"" }
        s += ">"
        if let tooltip { s += "<title>\(Self.e(tooltip))</title>" }
        s += Self.e(content) + "</text>"
        raw(s)
    }
}

/// Maps a data interval onto a pixel interval (either may be reversed).
struct LinearScale {
    var domain: (Double, Double)
    var range: (Double, Double)

    func callAsFunction(_ value: Double) -> Double {
        let span = domain.1 - domain.0
        guard span != 0, span.isFinite, value.isFinite else { return (range.0 + range.1) / 2 }
        return range.0 + (value - domain.0) / span * (range.1 - range.0)
    }
}

/// An axis-aligned box in pixels, for collision checks between labels.
struct Box {
    var minX: Double, minY: Double, maxX: Double, maxY: Double

    func intersects(_ other: Box, margin: Double = 0) -> Bool {
        minX < other.maxX + margin && other.minX < maxX + margin && minY < other.maxY + margin
            && other.minY < maxY + margin
    }

    /// Whether the segment from `a` to `b` passes through the box (Liang–Barsky clipping).
    func intersects(segmentFrom a: (Double, Double), to b: (Double, Double)) -> Bool {
        var t0 = 0.0
        var t1 = 1.0
        let dx = b.0 - a.0
        let dy = b.1 - a.1
        for (p, q) in [(-dx, a.0 - minX), (dx, maxX - a.0), (-dy, a.1 - minY), (dy, maxY - a.1)] {
            if p == 0 {
                if q < 0 { return false }
            } else {
                let r = q / p
                if p < 0 { t0 = Swift.max(t0, r) } else { t1 = Swift.min(t1, r) }
                if t0 > t1 { return false }
            }
        }
        return true
    }

    /// The box of a single-line label whose baseline is at `y`.
    static func text(x: Double, y: Double, width: Double, fontSize: Double, anchor: SVGWriter.Anchor) -> Box {
        let left: Double
        switch anchor {
        case .start: left = x
        case .middle: left = x - width / 2
        case .end: left = x - width
        }
        return Box(minX: left, minY: y - fontSize * 0.88, maxX: left + width, maxY: y + fontSize * 0.22)
    }
}
