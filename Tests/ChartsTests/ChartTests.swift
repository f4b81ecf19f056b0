import Testing

@testable import Charts

/// Shared sample data: SO2 trajectories for Datong-like numbers.
enum Samples {
    static func trajectory(_ start: Double, _ rate: Double, years: ClosedRange<Int> = 2020...2035) -> [(
        x: Double, y: Double
    )] {
        years.map { year in
            var value = start
            for _ in 2020..<year { value *= 1 - rate }
            return (x: Double(year), y: (value * 10).rounded() / 10)
        }
    }

    static let line = LineChart(
        title: "大同市 SO2 排放轨迹（2020–2035）", xLabel: "年份", yLabel: "SO2 排放量（吨/年）",
        series: [
            .init(name: "基准情景", points: trajectory(23_831, 0.005), dashed: true),
            .init(name: "规划情景", points: trajectory(23_831, 0.03)),
            .init(name: "强化情景", points: trajectory(23_831, 0.05)),
        ],
        markers: [.init(x: 2025, y: 19_000, label: "2025 目标"), .init(x: 2030, y: 15_500, label: "2030 目标")],
        horizontalLines: [(y: 20_000, label: "总量控制 20,000 吨")])

    static let bars = StackedBarChart(
        title: "减排量来自哪里", xLabel: "年份", yLabel: "NOx 减排量（吨）",
        categories: ["2021", "2022", "2023", "2024", "2025"],
        series: [
            (name: "电厂超低排放", values: [500, 900, 1_300, 1_600, 1_800]),
            (name: "散煤替代", values: [300, 600, 800, 950, 1_000]),
            (name: "活动水平增长", values: [-300, -550, -800, -1_000, -1_200]),
        ])

    static let steps = StepChart(
        title: "SO2 边际减排成本曲线", xLabel: "累计减排量（吨）", yLabel: "单位减排成本（元/吨）",
        steps: [
            (label: "锅炉能效提升", width: 1_800, height: -1_200),
            (label: "LED 路灯", width: 40, height: -400),
            (label: "电厂超低排放改造", width: 5_200, height: 800),
            (label: "散煤替代", width: 2_600, height: 2_400),
            (label: "焦化脱硫", width: 120, height: 3_100),
            (label: "钢铁烧结烟气脱硫", width: 3_100, height: 6_400),
        ])
}

@Suite struct LineChartTests {
    @Test func typicalChartIsValidAndNamesEverything() {
        let svg = Samples.line.svg()
        SVGChecks.expectValid(svg)
        #expect(svg.contains("<title>大同市 SO2 排放轨迹（2020–2035）</title>"))
        let texts = SVGChecks.texts(svg)
        for name in ["基准情景", "规划情景", "强化情景", "2025 目标", "2030 目标", "总量控制 20,000 吨", "SO2 排放量（吨/年）", "年份"] {
            #expect(texts.contains(name), "missing \(name)")
        }
        // Years without thousands separators, y ticks with them.
        #expect(texts.contains("2025") && !texts.contains("2,025"))
        #expect(texts.contains("25,000"))
        #expect(svg.contains("stroke-dasharray=\"6 4\""))  // the dashed baseline
    }

    @Test func deterministic() {
        #expect(Samples.line.svg() == Samples.line.svg())
        let copy = Samples.line
        #expect(copy.svg() == Samples.line.svg())
    }

    @Test func noSeriesGivesANoDataChart() {
        for chart in [
            LineChart(title: "空", yLabel: "吨", series: []),
            LineChart(title: "空", yLabel: "吨", series: [.init(name: "A", points: [])]),
            LineChart(title: "空", yLabel: "吨", series: [], horizontalLines: [(y: 5, label: "线")]),
            LineChart(
                title: "空", yLabel: "吨", series: [.init(name: "A", points: [(x: .nan, y: 1), (x: 1, y: .infinity)])]),
        ] {
            let svg = chart.svg()
            SVGChecks.expectValid(svg)
            #expect(SVGChecks.texts(svg).contains("无数据"))
        }
    }

    @Test func singlePointIsDrawnAsADot() {
        let svg = LineChart(title: "单点", yLabel: "吨", series: [.init(name: "A", points: [(x: 2025, y: 1_234)])]).svg()
        SVGChecks.expectValid(svg)
        #expect(svg.contains("<circle"))
        #expect(!svg.contains("<polyline"))
        #expect(SVGChecks.texts(svg).contains("2025"))
    }

    @Test func allZeroNegativeAndNonFiniteValues() {
        let zero = LineChart(
            title: "零", yLabel: "吨", series: [.init(name: "A", points: [(x: 2020, y: 0), (x: 2021, y: 0)])])
        SVGChecks.expectValid(zero.svg())
        let negative = LineChart(
            title: "负", yLabel: "万元",
            series: [
                .init(name: "净收益", points: [(x: 2020, y: -1_200), (x: 2025, y: 300), (x: 2030, y: -450_000)])
            ])
        let svg = negative.svg()
        SVGChecks.expectValid(svg)
        #expect(SVGChecks.texts(svg).contains("-40万"))
        let holes = LineChart(
            title: "缺值", yLabel: "吨",
            series: [
                .init(name: "A", points: [(x: 2020, y: 1), (x: 2021, y: .nan), (x: .infinity, y: 3), (x: 2022, y: 2)])
            ], markers: [.init(x: .nan, y: 1, label: "坏")], horizontalLines: [(y: .infinity, label: "坏线")])
        let holesSVG = holes.svg()
        SVGChecks.expectValid(holesSVG)
        #expect(!SVGChecks.texts(holesSVG).contains("坏"))
    }

    @Test func unsortedPointsAreDrawnInXOrder() {
        let svg = LineChart(
            title: "乱序", yLabel: "吨",
            series: [
                .init(name: "A", points: [(x: 2022, y: 3), (x: 2020, y: 1), (x: 2021, y: 2)])
            ]
        ).svg()
        let points = svg.split(separator: "\n").first { $0.hasPrefix("<polyline") }.map(String.init) ?? ""
        let xs = points.split(separator: "\"")[1].split(separator: " ").compactMap {
            Double($0.split(separator: ",")[0])
        }
        #expect(xs == xs.sorted() && xs.count == 3)
    }

    @Test func fortySeriesWithLongNames() {
        let long = "某某县某某工业园区某某有限公司一号燃煤锅炉烟气超低排放改造工程"
        let chart = LineChart(
            title: "四十条线", yLabel: "吨/年",
            series: (0..<40).map { i in
                .init(
                    name: "\(i + 1) 号 \(long)", points: Samples.trajectory(1_000 + Double(i) * 50, 0.01 * Double(i % 5))
                )
            })
        let svg = chart.svg()
        SVGChecks.expectValid(svg)
        // Truncated in the legend, complete in a tooltip.
        #expect(SVGChecks.texts(svg).contains { $0.hasPrefix("1 号 某某县") && $0.hasSuffix("…") })
        #expect(SVGChecks.titles(svg).contains("1 号 \(long)"))
        #expect(SVGChecks.titles(svg).contains("40 号 \(long)"))
        // The chart grew to make room for the legend instead of shrinking the plot to nothing.
        #expect((SVGChecks.size(svg)?.height ?? 0) > 400)
        // Repeated colours come back dashed.
        #expect(svg.contains("stroke-dasharray=\"7 4\""))
    }

    @Test func escapesText() {
        let svg = LineChart(
            title: "A<B & \"C\"", yLabel: "t<1>", series: [.init(name: "x&y", points: [(x: 1, y: 1), (x: 2, y: 2)])]
        ).svg()
        SVGChecks.expectValid(svg)
        #expect(svg.contains("<title>A&lt;B &amp; &quot;C&quot;</title>"))
        #expect(svg.contains(">x&amp;y</text>"))
    }

    @Test func nonIntegerXAxis() {
        let svg = LineChart(
            title: "比例", xLabel: "去除率", yLabel: "成本（万元）",
            series: [
                .init(name: "曲线", points: [(x: 0.004, y: 10), (x: 0.0105, y: 12), (x: 0.017, y: 30)])
            ], integerX: false, includesZero: false
        ).svg()
        SVGChecks.expectValid(svg)
        #expect(SVGChecks.texts(svg).contains("0.01"))
    }

    @Test func tinyAndHugeStylesStayValid() {
        for style in [
            ChartStyle(width: 10, height: 10, fontSize: 2), ChartStyle(width: .nan, height: .infinity, fontSize: .nan),
            ChartStyle(width: 2_000, height: 1_200, fontSize: 20),
        ] {
            var chart = Samples.line
            chart.style = style
            SVGChecks.expectValid(chart.svg())
            #expect(!chart.svg().contains("font-size=\"2\""))
        }
    }

    @Test func labelsDoNotCollide() {
        // Two targets and two reference lines close together.
        let chart = LineChart(
            title: "拥挤", yLabel: "微克/立方米", series: [.init(name: "规划", points: Samples.trajectory(48, 0.04))],
            markers: [.init(x: 2025, y: 38, label: "2025 目标 38"), .init(x: 2026, y: 37, label: "2026 中期考核")],
            horizontalLines: [(y: 35, label: "国家二级标准 35"), (y: 36, label: "省考核线 36")],
            includesZero: false)
        let boxes = labelBoxes(chart.svg(), fontSize: 12, only: ["2025 目标 38", "2026 中期考核", "国家二级标准 35", "省考核线 36"])
        #expect(boxes.count == 4)
        for (i, a) in boxes.enumerated() {
            for b in boxes[(i + 1)...] { #expect(!a.intersects(b), "labels overlap") }
        }
    }
}

/// Approximate boxes of the `<text>` elements whose content is in `only`.
func labelBoxes(_ svg: String, fontSize: Double, only: Set<String>) -> [Box] {
    let pattern = try! Regex(#"<text x="([-0-9.]+)" y="([-0-9.]+)"(?: text-anchor="(\w+)")?[^>]*>([^<]*)</text>"#)
    return svg.matches(of: pattern).compactMap { m in
        guard let text = m.output[4].substring.map(String.init), only.contains(text),
            let x = m.output[1].substring.flatMap({ Double(String($0)) }),
            let y = m.output[2].substring.flatMap({ Double(String($0)) })
        else { return nil }
        let anchor = m.output[3].substring.flatMap { SVGWriter.Anchor(rawValue: String($0)) } ?? .start
        return Box.text(
            x: x, y: y, width: TextMetrics.width(text, fontSize: fontSize), fontSize: fontSize, anchor: anchor)
    }
}

@Suite struct StackedBarChartTests {
    @Test func typicalChartIsValidAndNamesEverything() {
        let svg = Samples.bars.svg()
        SVGChecks.expectValid(svg)
        #expect(svg.contains("<title>减排量来自哪里</title>"))
        let texts = SVGChecks.texts(svg)
        for name in ["电厂超低排放", "散煤替代", "活动水平增长", "净值", "2021", "2025", "NOx 减排量（吨）"] {
            #expect(texts.contains(name), "missing \(name)")
        }
        #expect(SVGChecks.titles(svg).contains("净值 · 2021: 500"))  // 500 + 300 − 300
        #expect(SVGChecks.titles(svg).contains("活动水平增长 · 2025: -1,200"))
        #expect(Samples.bars.svg() == svg)
    }

    @Test func negativeSegmentsHangBelowZeroAndPositiveOnesStackAbove() {
        let chart = StackedBarChart(
            title: "t", yLabel: "吨", categories: ["A"],
            series: [(name: "p1", values: [2]), (name: "n", values: [-1]), (name: "p2", values: [3])])
        let svg = chart.svg()
        // Segment rects in series order: p1 from 0 up, n from 0 down, p2 on top of p1.
        let pattern = try! Regex(
            ##"<rect x="[-0-9.]+" y="([-0-9.]+)" width="[-0-9.]+" height="([-0-9.]+)" fill="#[^>]*><title>"##)
        let rects = svg.matches(of: pattern).compactMap { m -> (Double, Double)? in
            guard let y = m.output[1].substring.flatMap({ Double(String($0)) }),
                let h = m.output[2].substring.flatMap({ Double(String($0)) })
            else { return nil }
            return (y, h)
        }
        let segs = rects
        #expect(segs.count == 3)
        if segs.count == 3 {
            let zero = segs[0].0 + segs[0].1  // bottom of p1
            #expect(abs(segs[1].0 - zero) < 0.02)  // n starts at zero, going down
            #expect(abs(segs[2].0 + segs[2].1 - segs[0].0) < 0.02)  // p2 sits on p1
            #expect(abs(segs[2].1 / segs[0].1 - 1.5) < 0.01)
        }
    }

    @Test func netMarkersOnlyWhenSomethingIsNegative() {
        let positive = StackedBarChart(
            title: "t", yLabel: "吨", categories: ["A", "B"], series: [(name: "x", values: [1, 2])])
        #expect(!SVGChecks.texts(positive.svg()).contains("净值"))
        var off = Samples.bars
        off.showNet = false
        #expect(!SVGChecks.texts(off.svg()).contains("净值"))
        #expect(SVGChecks.texts(Samples.bars.svg()).contains("净值"))
    }

    @Test func emptyAllZeroAndRaggedData() {
        for chart in [
            StackedBarChart(title: "空", yLabel: "吨", categories: [], series: [(name: "x", values: [1])]),
            StackedBarChart(title: "空", yLabel: "吨", categories: ["A"], series: []),
        ] {
            let svg = chart.svg()
            SVGChecks.expectValid(svg)
            #expect(SVGChecks.texts(svg).contains("无数据"))
        }
        let zero = StackedBarChart(
            title: "零", yLabel: "吨", categories: ["A", "B"], series: [(name: "x", values: [0, 0])]
        ).svg()
        SVGChecks.expectValid(zero)
        #expect(SVGChecks.texts(zero).contains("数值均为 0"))
        // Fewer or more values than categories, and non-finite values.
        let ragged = StackedBarChart(
            title: "参差", yLabel: "吨", categories: ["A", "B", "C"],
            series: [
                (name: "短", values: [1]), (name: "长", values: [1, 2, 3, 4, 5]),
                (name: "坏", values: [.nan, -.infinity, 2]),
            ]
        ).svg()
        SVGChecks.expectValid(ragged)
        #expect(SVGChecks.titles(ragged).contains("坏 · C: 2"))
    }

    @Test func allNegative() {
        let svg = StackedBarChart(
            title: "负", yLabel: "吨", categories: ["A", "B"],
            series: [(name: "x", values: [-5, -8]), (name: "y", values: [-1, -2])]
        ).svg()
        SVGChecks.expectValid(svg)
        #expect(SVGChecks.texts(svg).contains("-10"))
    }

    @Test func fortySeriesAndManyCategories() {
        let chart = StackedBarChart(
            title: "多", yLabel: "吨", categories: (1990...2060).map { "\($0)年" },
            series: (0..<40).map { i in (name: "措施 \(i + 1)", values: (0..<71).map { Double(($0 * 7 + i) % 13) - 2 }) })
        let svg = chart.svg()
        SVGChecks.expectValid(svg)
        // Crowded category labels are rotated and thinned, not overlapping.
        #expect(svg.contains("transform=\"rotate(-45"))
        let shown = SVGChecks.texts(svg).filter { $0.hasSuffix("年") && $0.count == 5 }
        #expect(shown.count > 5 && shown.count < 71)
        #expect(SVGChecks.texts(svg).contains("措施 40"))
    }

    @Test func longChineseCategoriesWrapOrRotate() {
        let few = StackedBarChart(
            title: "情景", yLabel: "吨", categories: ["基准情景", "规划情景（十四五延续）", "强化减排情景（含产业结构调整）"],
            series: [(name: "电力", values: [1, 2, 3])]
        ).svg()
        SVGChecks.expectValid(few)
        #expect(!few.contains("rotate("))
        #expect(SVGChecks.texts(few).contains("基准情景"))
        let many = StackedBarChart(
            title: "情景", yLabel: "吨", categories: (1...12).map { "情景\($0)：产业结构深度调整加能源替代" },
            series: [(name: "电力", values: Array(repeating: 1, count: 12))]
        ).svg()
        SVGChecks.expectValid(many)
        #expect(many.contains("rotate(-45"))
        // Truncated rotated labels keep the full name as a tooltip.
        #expect(SVGChecks.titles(many).contains("情景12：产业结构深度调整加能源替代"))
        // No rotated label reaches past the left edge: the plot moved right to make room.
        let pattern = try! Regex(
            #"<text x="([-0-9.]+)" y="[-0-9.]+" text-anchor="end"[^>]*rotate\(-45[^>]*>(?:<title>[^<]*</title>)?([^<]*)</text>"#
        )
        for m in many.matches(of: pattern) {
            let x = m.output[1].substring.flatMap { Double(String($0)) } ?? 0
            let text = m.output[2].substring.map(String.init) ?? ""
            #expect(x - TextMetrics.width(text, fontSize: 12) * 0.7071 - 12 * 0.7 >= 0, "\(text) at \(x)")
        }
    }
}

@Suite struct StepChartTests {
    @Test func typicalCostCurve() {
        let svg = Samples.steps.svg()
        SVGChecks.expectValid(svg)
        #expect(svg.contains("<title>SO2 边际减排成本曲线</title>"))
        let texts = SVGChecks.texts(svg)
        // Wide steps carry their names; narrow ones a number explained in the key.
        #expect(texts.contains("电厂超低排放改造"))
        #expect(texts.contains("钢铁烧结烟气脱硫"))
        #expect(texts.contains("2") && texts.contains("2  LED 路灯"))
        #expect(texts.contains("5") && texts.contains("5  焦化脱硫"))
        #expect(!texts.contains("3  电厂超低排放改造"))
        #expect(texts.contains("累计减排量（吨）") && texts.contains("单位减排成本（元/吨）"))
        #expect(Samples.steps.svg() == svg)
    }

    @Test func stepsAreContiguousAndInOrder() {
        let svg = Samples.steps.svg()
        let pattern = try! Regex(#"<rect x="([-0-9.]+)" y="[-0-9.]+" width="([-0-9.]+)"[^>]*><title>(\d+) "#)
        let rects = svg.matches(of: pattern).compactMap { m -> (Double, Double, Int)? in
            guard let x = m.output[1].substring.flatMap({ Double(String($0)) }),
                let w = m.output[2].substring.flatMap({ Double(String($0)) }),
                let n = m.output[3].substring.flatMap({ Int(String($0)) })
            else { return nil }
            return (x, w, n)
        }
        #expect(rects.map(\.2) == [1, 2, 3, 4, 5, 6])
        for (a, b) in zip(rects, rects.dropFirst()) { #expect(abs(a.0 + a.1 - b.0) < 0.03) }
    }

    @Test func labelsDoNotCollide() {
        var steps: [(label: String, width: Double, height: Double)] = []
        for i in 0..<30 {
            let width = Double((i * 37) % 11 + 1) * 100
            let height = Double(i * i) * 20 - 3_000
            steps.append((label: "措施\(i + 1)", width: width, height: height))
        }
        let many = StepChart(title: "多", xLabel: "t", yLabel: "元/t", steps: steps)
        let svg = many.svg()
        SVGChecks.expectValid(svg)
        let boxes = labelBoxes(svg, fontSize: 12, only: Set((1...30).map { String($0) } + (1...30).map { "措施\($0)" }))
        #expect(boxes.count >= 20)
        for (i, a) in boxes.enumerated() {
            for b in boxes[(i + 1)...] { #expect(!a.intersects(b), "step labels overlap") }
        }
    }

    @Test func emptyZeroAndInvalidSteps() {
        for chart in [
            StepChart(title: "空", xLabel: "t", yLabel: "元/t", steps: []),
            StepChart(
                title: "空", xLabel: "t", yLabel: "元/t",
                steps: [
                    (label: "a", width: 0, height: 5), (label: "b", width: -3, height: 1),
                    (label: "c", width: .nan, height: 1),
                ]),
        ] {
            let svg = chart.svg()
            SVGChecks.expectValid(svg)
            #expect(SVGChecks.texts(svg).contains("无数据"))
        }
        let zero = StepChart(
            title: "零", xLabel: "t", yLabel: "元/t",
            steps: [(label: "a", width: 5, height: 0), (label: "b", width: 5, height: .nan)]
        ).svg()
        SVGChecks.expectValid(zero)
        #expect(SVGChecks.texts(zero).contains("数值均为 0"))
        let single = StepChart(
            title: "一", xLabel: "t", yLabel: "元/t", steps: [(label: "唯一措施", width: 1e6, height: 123.4)]
        ).svg()
        SVGChecks.expectValid(single)
        #expect(SVGChecks.texts(single).contains("唯一措施"))
        let negative = StepChart(
            title: "负", xLabel: "t", yLabel: "元/t",
            steps: [(label: "省钱措施甲", width: 5, height: -300), (label: "省钱措施乙", width: 5, height: -100)]
        ).svg()
        SVGChecks.expectValid(negative)
    }

    @Test func veryLongNamesGoToTheKeyTruncated() {
        let long = String(repeating: "超长措施名称", count: 12)
        let svg = StepChart(
            title: "长", xLabel: "t", yLabel: "元/t",
            steps: [(label: long, width: 10, height: 100), (label: "短", width: 10, height: 200)]
        ).svg()
        SVGChecks.expectValid(svg)
        #expect(SVGChecks.texts(svg).contains { $0.hasPrefix("1  超长措施名称") && $0.hasSuffix("…") })
        #expect(SVGChecks.titles(svg).contains("1  \(long)"))
    }
}

@Suite struct LayoutTests {
    @Test func legendIsAlwaysBelowThePlotAndItsLabels() {
        for count in [0, 1, 3, 8, 40, 200] {
            let items = (0..<count).map { LegendItem(swatch: .box(color: "#000000"), name: "措施 \($0) 号超长名称某某某某") }
            let frame = Frame(
                style: ChartStyle(), title: "t", yLabel: "吨", xLabel: "年份", yTickLabels: ["25,000"],
                legend: items, bottomBand: { _ in 24 })
            #expect(frame.legendTop >= frame.plotBottom + 24)
            #expect(frame.plotHeight >= 400 * 0.42 - 0.001)
            #expect(frame.height >= frame.legendTop + Double(frame.legend.rows) * frame.legend.rowHeight)
            // Every entry fits the width.
            for p in frame.legend.placed {
                let width =
                    LegendLayout.swatchWidth(items[p.item].swatch, fontSize: 12) + 12 * 0.45
                    + TextMetrics.width(p.text, fontSize: 12)
                #expect(Frame.pad + p.x + width <= frame.width - Frame.pad + 0.001)
            }
        }
    }

    @Test func paletteStartsWithOkabeIto() {
        #expect(
            Palette.categorical == [
                "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
            ])
        #expect(Palette.fill(at: 0) == "#0072B2")
        #expect(Palette.fill(at: 7) == "#6B6B6B")
        #expect(Palette.fill(at: 8) != Palette.fill(at: 0))
        #expect(Palette.lineStyle(at: 8).dash != nil)
        #expect(Palette.tint("#000000", 0.5) == "#808080")
        #expect(Palette.shade("#FFFFFF", 1) == "#000000")
        #expect(Set((0..<32).map { Palette.fill(at: $0) }).count == 32)
    }
}
