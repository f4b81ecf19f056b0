/// Size, type and wording shared by every chart.
///
/// All sizes are in SVG user units (CSS pixels at 100 %). The SVG carries a `viewBox`, so a
/// report can scale it freely; `width` and `height` are the natural size. A chart may grow
/// taller than `height` when its legend needs the room: the legend never covers data.
public struct ChartStyle: Sendable, Equatable {
    public var width: Double
    public var height: Double
    /// A CSS font-family list; CJK fonts first so Chinese labels do not fall back to a
    /// serif or to tofu boxes.
    public var fontFamily: String
    /// Base font size for ticks, legend and notes; the title is 1.35 × larger. Values below
    /// 9 are raised to 9 so printed charts stay legible.
    public var fontSize: Double
    /// Shown in the middle of an empty chart.
    public var noDataText: String
    /// Shown when there is data but every value is zero (otherwise the chart looks empty).
    public var allZeroText: String

    public init(
        width: Double = 720, height: Double = 400,
        fontFamily: String =
            "'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif",
        fontSize: Double = 12, noDataText: String = "无数据", allZeroText: String = "数值均为 0"
    ) {
        self.width = width
        self.height = height
        self.fontFamily = fontFamily
        self.fontSize = fontSize
        self.noDataText = noDataText
        self.allZeroText = allZeroText
    }
}

/// Colours for series, safe for the common forms of colour blindness.
public enum Palette {
    /// The eight Okabe–Ito colours. A ninth and later series reuse them with a variation
    /// (see `lineStyle(at:)` and `fill(at:)`): lines get a darker shade and a dash pattern,
    /// bars a lighter tint or a darker shade.
    public static let categorical: [String] = [
        "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
    ]

    /// Colour and dash pattern (an SVG `stroke-dasharray`, nil for solid) of line series `index`.
    public static func lineStyle(at index: Int) -> (color: String, dash: String?) {
        let i = Swift.max(0, index)
        let base = categorical[i % categorical.count]
        switch (i / categorical.count) % 4 {
        case 0: return (base, nil)
        case 1: return (shade(base, 0.3), "7 4")
        case 2: return (base, "2 3")
        default: return (shade(base, 0.3), "9 3 2 3")
        }
    }

    /// Fill colour of bar series or step `index`. Okabe–Ito black would make a heavy block
    /// of ink as an area, so fills use a dark grey in its place.
    public static func fill(at index: Int) -> String {
        let i = Swift.max(0, index)
        let colour = categorical[i % categorical.count]
        let base = colour == "#000000" ? "#6B6B6B" : colour
        switch (i / categorical.count) % 4 {
        case 0: return base
        case 1: return tint(base, 0.45)
        case 2: return shade(base, 0.35)
        default: return tint(base, 0.7)
        }
    }

    /// `hex` mixed with white; `amount` 0 keeps the colour, 1 gives white.
    public static func tint(_ hex: String, _ amount: Double) -> String {
        mix(hex, with: 255, amount)
    }

    /// `hex` mixed with black; `amount` 0 keeps the colour, 1 gives black.
    public static func shade(_ hex: String, _ amount: Double) -> String {
        mix(hex, with: 0, amount)
    }

    private static func mix(_ hex: String, with target: Double, _ amount: Double) -> String {
        let digits = Array(hex.utf8.filter { $0 != UInt8(ascii: "#") })
        guard digits.count == 6 else { return hex }
        let a = Swift.min(1, Swift.max(0, amount.isFinite ? amount : 0))
        var result = "#"
        for k in 0..<3 {
            guard let value = Int(String(decoding: digits[2 * k..<2 * k + 2], as: UTF8.self), radix: 16) else {
                return hex
            }
            let mixed = Int((Double(value) + (target - Double(value)) * a).rounded())
            let text = String(Swift.min(255, Swift.max(0, mixed)), radix: 16, uppercase: true)
            result += text.count == 1 ? "0" + text : text
        }
        return result
    }
}
