import Testing

@testable import Charts

/// Fan-chart bands on line charts, and the tornado chart.
@Suite struct UncertaintyChartTests {
    static func fan(band: [(x: Double, low: Double, high: Double)]) -> LineChart {
        LineChart(
            title: "VOCs 排放量：中位数与5%–95%区间", yLabel: "吨/年",
            series: [.init(name: "规划情景", points: [(2020, 100), (2025, 90), (2030, 95)], band: band)])
    }

    @Test func aBandIsOnePolygonUnderTheLinesAndWidensTheAxis() {
        let band: [(x: Double, low: Double, high: Double)] = [(2030, 70, 160), (2020, 80, 120), (2025, 60, 130)]
        let svg = Self.fan(band: band).svg()
        SVGChecks.expectValid(svg)
        #expect(svg.components(separatedBy: "<polygon ").count == 2)
        // Drawn before the line, so the line stays on top.
        let polygon = svg.range(of: "<polygon ")!.lowerBound
        let line = svg.range(of: "<polyline ")!.lowerBound
        #expect(polygon < line)
        // The y axis reaches the band's top (160), above every line point (100).
        let ticks = SVGChecks.texts(svg).compactMap { Double($0) }.filter { $0 < 2000 }
        #expect((ticks.max() ?? 0) >= 160)
        #expect(svg.contains("fill-opacity=\"0.18\""))
    }

    @Test func nonFiniteBandPointsAreLeftOutAndNoBandDrawsNothing() {
        let svg = Self.fan(band: [(2020, 80, 120), (2025, .nan, 130), (2030, 70, .infinity)]).svg()
        SVGChecks.expectValid(svg)
        // One finite point is not an area.
        #expect(!svg.contains("<polygon "))
        let plain = Self.fan(band: []).svg()
        #expect(!plain.contains("<polygon "))
    }

    static let tornado = TornadoChart(
        title: "影响 VOCs 削减目标余量的因子", xLabel: "秩相关系数",
        rows: [("VOCs排放因子（ef-vocs）", -0.9), ("VOCs综合治理落实程度", 0.31), ("GDP增速", -0.05)],
        domain: (-1, 1), positiveLabel: "因子越大，余量越大", negativeLabel: "因子越大，余量越小")

    @Test func tornadoBarsHaveTheirSignsColourAndValue() {
        let svg = Self.tornado.svg()
        SVGChecks.expectValid(svg)
        let texts = SVGChecks.texts(svg)
        for label in ["VOCs排放因子（ef-vocs）", "VOCs综合治理落实程度", "GDP增速", "-0.90", "0.31", "-0.05"] {
            #expect(texts.contains(label), "\(label)")
        }
        let bars = svg.components(separatedBy: "<g class=\"bar\">").dropFirst().map {
            $0.components(separatedBy: "</g>")[0]
        }
        #expect(bars.count == 3)
        #expect(bars.map { $0.contains(TornadoChart.negativeColor) } == [true, false, true])
        #expect(bars.map { $0.contains(TornadoChart.positiveColor) } == [false, true, false])
        // Rows are drawn top to bottom in the order given.
        let first = svg.range(of: ">VOCs排放因子（ef-vocs）<")!.lowerBound
        let last = svg.range(of: ">GDP增速<")!.lowerBound
        #expect(first < last)
    }

    @Test func tornadoBarsStartAtZeroAndScaleWithTheValue() throws {
        let svg = Self.tornado.svg()
        // Bar widths are proportional to |value| on a fixed −1…1 axis.
        let widths = try Regex(
            #"<g class="bar">\n<title>[^<]*</title>\n<rect x="[0-9.]+" y="[0-9.]+" width="([0-9.]+)""#)
        let found = svg.matches(of: widths).compactMap { $0.output[1].substring.flatMap { Double(String($0)) } }
        #expect(found.count == 3)
        #expect(abs(found[0] / found[1] - 0.9 / 0.31) < 0.02)
        #expect(abs(found[2] / found[1] - 0.05 / 0.31) < 0.02)
    }

    @Test func oddTornadoInputGivesAValidChart() {
        for rows: [(label: String, value: Double)] in [[], [("a", .nan)], [("a", 0)], [("a", 5), ("b", -7)]] {
            let chart = TornadoChart(title: "t", rows: rows)
            SVGChecks.expectValid(chart.svg())
        }
        // Values outside a fixed domain are clamped to it.
        let clamped = TornadoChart(title: "t", rows: [("a", 3)], domain: (-1, 1)).svg()
        SVGChecks.expectValid(clamped)
        #expect(SVGChecks.texts(clamped).contains("3.00"))
    }

    @Test func valueLabelsHaveFixedDecimals() {
        #expect(TornadoChart.label(0.5, decimals: 2) == "0.50")
        #expect(TornadoChart.label(-0.004, decimals: 2) == "0.00")
        #expect(TornadoChart.label(-0.126, decimals: 2) == "-0.13")
        #expect(TornadoChart.label(1, decimals: 0) == "1")
    }
}
